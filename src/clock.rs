//! The one clock the program stamps changes with and measures "today" by: the system's, unless
//! `WORKPLAN_NOW` names a moment (RFC 3339, e.g. `2023-09-01T10:00:00+08:00`) for a
//! demonstration or a test that replays a day of the plan.

use std::path::Path;
use std::sync::OnceLock;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

/// The moment `WORKPLAN_NOW` fixes, read once; `None` when it is unset or not a moment.
fn fixed() -> Option<Timestamp> {
    static FIXED: OnceLock<Option<Timestamp>> = OnceLock::new();
    *FIXED.get_or_init(|| {
        std::env::var("WORKPLAN_NOW")
            .ok()
            .and_then(|s| s.trim().parse::<Timestamp>().ok())
    })
}

/// Now.
pub fn now() -> Timestamp {
    fixed().unwrap_or_else(Timestamp::now)
}

/// Today's date in this computer's time zone.
pub fn today() -> Date {
    now().to_zoned_datetime(zone()).date()
}

/// This computer's time zone, read once per run.
pub fn zone() -> TimeZone {
    static ZONE: OnceLock<TimeZone> = OnceLock::new();
    ZONE.get_or_init(local_zone).clone()
}

/// Without `TZ`, the zone `/etc/localtime` links to, read straight from that one file: asking
/// jiff for the system zone lists the whole zoneinfo folder (about 600 names) to look the
/// link's name up. Otherwise (`TZ` set, `/etc/localtime` not a link, another platform) jiff's
/// answer.
fn local_zone() -> TimeZone {
    if cfg!(unix)
        && std::env::var_os("TZ").is_none()
        && let Some(tz) = linked_zone(Path::new("/etc/localtime"))
    {
        return tz;
    }
    TimeZone::system()
}

/// The zone of a TZif file reached through a link into a zoneinfo folder, named after the
/// link's target (`…/zoneinfo/Asia/Shanghai` is `Asia/Shanghai`).
fn linked_zone(link: &Path) -> Option<TimeZone> {
    let target = std::fs::read_link(link).ok()?;
    let (_, name) = target.to_str()?.rsplit_once("zoneinfo/")?;
    let data = std::fs::read(link).ok()?;
    TimeZone::tzif(name, &data).ok()
}

#[cfg(all(test, unix))]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_linked_zone_is_read_from_its_file_and_named_by_the_link() {
        let dir = tempfile::tempdir().unwrap();
        let zoneinfo = dir.path().join("zoneinfo/Asia");
        std::fs::create_dir_all(&zoneinfo).unwrap();
        // Shanghai since 1991: UTC+8 all year, no daylight saving.
        let Ok(data) = std::fs::read("/usr/share/zoneinfo/Asia/Shanghai") else {
            return; // no zoneinfo folder here
        };
        std::fs::write(zoneinfo.join("Shanghai"), &data).unwrap();
        let link = dir.path().join("localtime");
        std::os::unix::fs::symlink(zoneinfo.join("Shanghai"), &link).unwrap();
        let zone = linked_zone(&link).unwrap();
        assert_eq!(zone.iana_name(), Some("Asia/Shanghai"));
        let noon: Timestamp = "2023-09-01T04:00:00Z".parse().unwrap();
        assert_eq!(noon.to_zoned_datetime(zone).hour(), 12);
    }

    #[test]
    fn a_file_that_is_not_a_link_is_left_to_jiff() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("localtime");
        std::fs::write(&file, b"TZif").unwrap();
        assert!(linked_zone(&file).is_none());
    }
}
