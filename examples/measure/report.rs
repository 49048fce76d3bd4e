//! Figures as markdown table rows, `median (min–max)`, and the line that names the machine.

use std::time::Duration;

/// Samples of one figure, with the unit they are written in.
pub struct Figure {
    pub name: String,
    pub unit: Unit,
    pub samples: Vec<f64>,
}

/// How a figure's numbers are written.
#[derive(Clone, Copy)]
pub enum Unit {
    Ms,
    Mib,
    Ratio,
    PerSecond,
    Percent,
}

impl Figure {
    pub fn new(name: &str, unit: Unit) -> Figure {
        Figure {
            name: name.to_string(),
            unit,
            samples: Vec::new(),
        }
    }

    /// Adds a duration, in milliseconds.
    pub fn time(&mut self, d: Duration) {
        self.samples.push(d.as_secs_f64() * 1000.0);
    }

    /// The median; the mean of the middle two for an even count.
    pub fn median(&self) -> Option<f64> {
        let mut v = self.samples.clone();
        if v.is_empty() {
            return None;
        }
        v.sort_by(f64::total_cmp);
        let n = v.len();
        Some(if n % 2 == 1 {
            v[n / 2]
        } else {
            (v[n / 2 - 1] + v[n / 2]) / 2.0
        })
    }

    /// `| name | median (min–max) | n |`, or nothing without samples.
    pub fn row(&self) -> Option<String> {
        let m = self.median()?;
        let lo = self.samples.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = self
            .samples
            .iter()
            .copied()
            .fold(f64::NEG_INFINITY, f64::max);
        let n = self.samples.len();
        let value = if n == 1 {
            self.format(m)
        } else {
            format!(
                "{} ({}–{})",
                self.format(m),
                self.number(lo),
                self.number(hi)
            )
        };
        Some(format!("| {} | {value} | {n} |", self.name))
    }

    fn format(&self, x: f64) -> String {
        let unit = match self.unit {
            Unit::Ms => " ms",
            Unit::Mib => " MiB",
            Unit::Ratio => "×",
            Unit::PerSecond => "/s",
            Unit::Percent => " %",
        };
        format!("{}{unit}", self.number(x))
    }

    fn number(&self, x: f64) -> String {
        match self.unit {
            Unit::Ratio | Unit::Percent => format!("{x:.2}"),
            _ if x == 0.0 => "0".to_string(),
            _ if x.abs() < 10.0 => format!("{x:.2}"),
            _ if x.abs() < 100.0 => format!("{x:.1}"),
            _ => format!("{x:.0}"),
        }
    }
}

/// "CPU model, N cores, M GiB".
pub fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpu
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split_once(':'))
        .map_or("unknown CPU", |(_, m)| m.trim())
        .to_string();
    let cores = cpu.lines().filter(|l| l.starts_with("processor")).count();
    let mem = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let kib: f64 = mem
        .lines()
        .find(|l| l.starts_with("MemTotal:"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0.0);
    format!("{model}, {cores} cores, {:.1} GiB", kib / 1024.0 / 1024.0)
}

/// The 1, 5 and 15 minute load averages.
pub fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}
