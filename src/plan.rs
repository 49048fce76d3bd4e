//! The plan file: its types, strict loading and validation.
//!
//! A plan is a tree of areas → items → tasks with stable ids (`1`, `1.1`, `1.1.1`). Loading is
//! strict: every problem is reported with the file, line, character column and JSON path.

pub mod kept;
pub mod keys;
mod locate;
pub mod migrate;

use compact_str::CompactString;
use foldhash::{HashMap, HashSet, HashSetExt};
use std::path::Path;
use std::sync::OnceLock;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The 2023 plan that ships inside the binary.
pub const EMBEDDED_PLAN: &str = include_str!("../plan.json");
/// The name the embedded plan is reported under.
pub const EMBEDDED_NAME: &str = "plan.json (embedded)";

/// A whole work plan.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    pub year: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub start: Date,
    pub due: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    pub areas: Vec<Area>,
}

/// A plan's own fields, without its areas: once a plan is loaded, its areas, items and tasks
/// are its [`Node`]s.
#[derive(Debug, Clone, PartialEq, Hash, Serialize, Deserialize)]
pub struct PlanHead {
    pub id: String,
    pub title: String,
    pub title_en: Option<String>,
    pub year: i32,
    pub source: Option<String>,
    #[serde(with = "crate::storage::packed::date")]
    pub start: Date,
    #[serde(with = "crate::storage::packed::date")]
    pub due: Date,
    pub owner: Option<String>,
}

/// A task area, （一）…（六）.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    pub items: Vec<Item>,
}

/// A work item, 一是 ….
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    pub tasks: Vec<Task>,
}

/// A concrete task: one sentence of the report.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Task {
    pub id: String,
    /// The task's stable key (see [`keys`]); without one, the key derived from its text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
}

/// The level of a node in the plan tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Area,
    Item,
    Task,
}

/// One node of the plan, flattened in tree order, with inherited fields resolved.
#[derive(Debug, Clone, PartialEq, Hash, Serialize, Deserialize)]
pub struct Node {
    pub id: String,
    pub level: Level,
    /// Title of an area or item, text of a task.
    pub text: String,
    /// English title or text, when the plan has one.
    pub text_en: Option<String>,
    /// Index of the parent node, `None` for areas.
    pub parent: Option<usize>,
    /// Indices of the child nodes.
    pub children: Vec<usize>,
    /// Owner from the plan file (the journal may override it for tasks).
    pub owner: Option<String>,
    /// Due date after inheritance: node ← item ← area ← plan.
    #[serde(with = "crate::storage::packed::date")]
    pub due: Date,
    /// A task's stable key (given in the plan, else derived from its text); empty above tasks.
    pub key: String,
}

/// A loaded, validated plan with a flat index of its nodes.
#[derive(Debug, Clone)]
pub struct LoadedPlan {
    pub plan: PlanHead,
    /// Where the plan came from, as shown in messages.
    pub source_name: String,
    nodes: Vec<Node>,
    /// Ids and keys are short enough to be kept in the index itself: finding one touches one
    /// place in memory, not two, which counts when a large journal looks up every event. Each
    /// is made on its first use: a start from the kept plan and the folded snapshot, or a
    /// `status` of a folder that did not change, looks nothing up.
    by_id: OnceLock<HashMap<CompactString, usize>>,
    by_key: OnceLock<HashMap<CompactString, usize>>,
    /// Whether each node is a task, apart from the nodes themselves, for the same reason.
    is_task: Vec<bool>,
    /// The nodes without a parent (the areas), in order.
    tops: Vec<usize>,
}

/// What went wrong in a plan file, before it is put into words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanProblem {
    /// The file could not be read: why, and the system's words for it.
    Io {
        kind: std::io::ErrorKind,
        message: String,
    },
    /// The path names a folder, a FIFO, a socket or a device, not a plan file.
    NotRegular(crate::storage::open::NotRegular),
    /// The bytes are not UTF-8 (e.g. a GBK file saved by Notepad).
    NotUtf8,
    /// The bytes are UTF-16 (Notepad's "Unicode").
    Utf16,
    /// JSON syntax or shape: the parser's own words, naming what was expected.
    Json(String),
    /// An id appears twice.
    DuplicateId { id: String, first_line: usize },
    /// An id does not follow the hierarchy: `N` for areas, `<parent id>.N` below.
    BadId {
        found: String,
        parent: Option<String>,
    },
    /// The plan's id has a character other than `A-Z a-z 0-9 _ -`: it names the journal folder
    /// and the default export file, so `../x` or `a/b` would put them somewhere else.
    BadPlanId(String),
    /// A title or text is empty.
    EmptyText,
    /// The plan starts after it is due.
    StartAfterDue,
    /// The year is not one its dates could fall in.
    YearOutOfRange(i32),
    /// A list that must have entries is empty.
    EmptyList,
    /// A task key that is not 1 to 32 of `A-Z a-z 0-9 _ -`.
    BadKey(String),
    /// A task key given to two tasks.
    DuplicateKey(String),
}

/// One problem, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanError {
    pub file: String,
    /// 1-based line; 0 when the problem has no position.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
    /// JSON path such as `areas[0].items[1].id`.
    pub path: String,
    pub problem: PlanProblem,
}

impl Plan {
    /// The plan embedded in the binary.
    pub fn embedded() -> Result<Self, Vec<PlanError>> {
        Self::from_bytes(EMBEDDED_PLAN.as_bytes(), EMBEDDED_NAME)
    }

    /// Reads, parses and validates a plan file.
    pub fn from_path(path: &Path) -> Result<Self, Vec<PlanError>> {
        Self::from_bytes(&read_file(path)?, &path.display().to_string())
    }

    /// Parses and validates plan bytes; `name` is used in messages.
    pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Self, Vec<PlanError>> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        // UTF-16 starts with its byte-order mark, or (without one) has a zero byte beside its
        // first character; zero bytes are valid UTF-8, so it must be told apart first.
        if bytes.starts_with(b"\xFF\xFE")
            || bytes.starts_with(b"\xFE\xFF")
            || bytes[..bytes.len().min(2)].contains(&0)
        {
            return Err(vec![PlanError {
                file: name.to_string(),
                line: 1,
                column: 1,
                path: String::new(),
                problem: PlanProblem::Utf16,
            }]);
        }
        let text = match simdutf8::compat::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let (line, column) = locate::line_col_of_bytes(bytes, e.valid_up_to());
                return Err(vec![PlanError {
                    file: name.to_string(),
                    line,
                    column,
                    path: String::new(),
                    problem: PlanProblem::NotUtf8,
                }]);
            }
        };
        let json_error = |path: String, inner: serde_json::Error| {
            let column = locate::char_column(text, inner.line(), inner.column());
            vec![PlanError {
                file: name.to_string(),
                line: inner.line(),
                column,
                path,
                problem: PlanProblem::Json(strip_position(&inner.to_string())),
            }]
        };
        // The plain parser first (the path tracking costs a third of the time at 100,000
        // tasks); only a plan that fails is parsed again to say where.
        let plan: Plan = match serde_json::from_str(text) {
            Ok(p) => p,
            Err(_) => {
                let de = &mut serde_json::Deserializer::from_str(text);
                let plan: Plan = match serde_path_to_error::deserialize(&mut *de) {
                    Ok(p) => p,
                    Err(e) => return Err(json_error(json_path(e.path()), e.into_inner())),
                };
                // Anything after the plan (a second plan pasted in, a stray bracket) too.
                de.end().map_err(|e| json_error(String::new(), e))?;
                plan
            }
        };
        let problems = validate(&plan);
        if !problems.is_empty() {
            let locator = locate::Locator::new(text);
            return Err(problems
                .into_iter()
                .map(|(path, problem)| {
                    let (line, column) = locator.position(&path);
                    let problem = match problem {
                        PlanProblem::DuplicateId { id, .. } => {
                            let first = first_path_of(&plan, &id).unwrap_or_default();
                            PlanProblem::DuplicateId {
                                id,
                                first_line: locator.position(&first).0,
                            }
                        }
                        other => other,
                    };
                    PlanError {
                        file: name.to_string(),
                        line,
                        column,
                        path: locate::path_string(&path),
                        problem,
                    }
                })
                .collect());
        }
        Ok(plan)
    }

    /// The plan's own fields, and its areas.
    fn split(mut self) -> (PlanHead, Vec<Area>) {
        let areas = std::mem::take(&mut self.areas);
        let head = PlanHead {
            id: self.id,
            title: self.title,
            title_en: self.title_en,
            year: self.year,
            source: self.source,
            start: self.start,
            due: self.due,
            owner: self.owner,
        };
        (head, areas)
    }
}

impl LoadedPlan {
    /// Loads the plan embedded in the binary.
    pub fn embedded() -> Result<Self, Vec<PlanError>> {
        Plan::embedded().map(|p| Self::from_plan(p, EMBEDDED_NAME))
    }

    /// Loads a plan file from disk.
    pub fn from_path(path: &Path) -> Result<Self, Vec<PlanError>> {
        Plan::from_path(path).map(|p| Self::from_plan(p, &path.display().to_string()))
    }

    /// Parses and validates plan bytes; `name` is used in messages.
    pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Self, Vec<PlanError>> {
        Plan::from_bytes(bytes, name).map(|p| Self::from_plan(p, name))
    }

    /// Indexes a checked plan; `name` says where it came from in messages.
    pub fn from_plan(plan: Plan, name: &str) -> Self {
        let (head, areas) = plan.split();
        let (due, owner) = (head.due, &head.owner);
        // The texts move into the nodes: a city's plan is not held twice.
        let mut nodes = Vec::new();
        for area in areas {
            let a = nodes.len();
            let area_due = area.due.unwrap_or(due);
            nodes.push(Node {
                id: area.id,
                level: Level::Area,
                text: area.title,
                text_en: area.title_en,
                parent: None,
                children: Vec::new(),
                owner: area.owner.or_else(|| owner.clone()),
                due: area_due,
                key: String::new(),
            });
            for item in area.items {
                let i = nodes.len();
                nodes[a].children.push(i);
                let item_due = item.due.unwrap_or(area_due);
                let item_owner = item.owner.or_else(|| nodes[a].owner.clone());
                nodes.push(Node {
                    id: item.id,
                    level: Level::Item,
                    text: item.title,
                    text_en: item.title_en,
                    parent: Some(a),
                    children: Vec::new(),
                    owner: item_owner.clone(),
                    due: item_due,
                    key: String::new(),
                });
                for task in item.tasks {
                    let t = nodes.len();
                    nodes[i].children.push(t);
                    nodes.push(Node {
                        id: task.id,
                        level: Level::Task,
                        text: task.text,
                        text_en: task.text_en,
                        parent: Some(i),
                        children: Vec::new(),
                        owner: task.owner.or_else(|| item_owner.clone()),
                        due: task.due.unwrap_or(item_due),
                        key: task.key.unwrap_or_default(),
                    });
                }
            }
        }
        // Keys given in the file first (validated unique), then the derived ones around them.
        let mut by_key: HashMap<CompactString, usize> = nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| !n.key.is_empty())
            .map(|(i, n)| (CompactString::from(&n.key), i))
            .collect();
        for (i, node) in nodes.iter_mut().enumerate() {
            if node.level == Level::Task && node.key.is_empty() {
                let key = keys::unique(keys::key_for(&node.text), |k| by_key.contains_key(k));
                by_key.insert(CompactString::from(&key), i);
                node.key = key;
            }
        }
        Self::assemble(head, nodes, OnceLock::from(by_key), name)
    }

    /// A plan of nodes indexed before, each task with its key (see [`kept`]).
    fn from_nodes(head: PlanHead, nodes: Vec<Node>, name: &str) -> Self {
        Self::assemble(head, nodes, OnceLock::new(), name)
    }

    /// The plan with its indexes, given the one of its keys.
    fn assemble(
        head: PlanHead,
        nodes: Vec<Node>,
        by_key: OnceLock<HashMap<CompactString, usize>>,
        name: &str,
    ) -> Self {
        let is_task = nodes.iter().map(|n| n.level == Level::Task).collect();
        let tops = (0..nodes.len())
            .filter(|&i| nodes[i].parent.is_none())
            .collect();
        Self {
            plan: head,
            source_name: name.to_string(),
            nodes,
            by_id: OnceLock::new(),
            by_key,
            is_task,
            tops,
        }
    }

    /// The index of the task with this key.
    pub fn index_of_key(&self, key: &str) -> Option<usize> {
        let by_key = self.by_key.get_or_init(|| {
            self.nodes
                .iter()
                .enumerate()
                .filter(|(_, n)| n.level == Level::Task)
                .map(|(i, n)| (CompactString::from(&n.key), i))
                .collect()
        });
        by_key.get(key).copied()
    }

    /// Every node in tree order (area, its items, each item's tasks, next area …).
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// The indices of the nodes without a parent (the areas), in order.
    pub fn tops(&self) -> &[usize] {
        &self.tops
    }

    /// The index of the node with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        let by_id = self.by_id.get_or_init(|| {
            self.nodes
                .iter()
                .enumerate()
                .map(|(i, n)| (CompactString::from(&n.id), i))
                .collect()
        });
        by_id.get(id).copied()
    }

    /// The index of the task with this id: `None` for an item, an area or an unknown id.
    pub fn task_index_of(&self, id: &str) -> Option<usize> {
        self.index_of(id).filter(|&n| self.is_task[n])
    }

    /// Indices of every task under a node (the node itself if it is a task).
    pub fn tasks_under(&self, index: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack = vec![index];
        while let Some(i) = stack.pop() {
            let node = &self.nodes[i];
            if node.level == Level::Task {
                out.push(i);
            } else {
                stack.extend(node.children.iter().rev());
            }
        }
        out
    }

    /// A hash of everything in the plan that a fold depends on: the same for the same plan in
    /// this program version, and different for another plan but by the rarest chance.
    pub fn fingerprint(&self) -> u64 {
        use std::hash::{BuildHasher, Hash, Hasher};
        let mut h = foldhash::quality::FixedState::default().build_hasher();
        self.plan.hash(&mut h);
        self.nodes.hash(&mut h);
        h.finish()
    }

    /// Counts of areas, items and tasks.
    pub fn counts(&self) -> (usize, usize, usize) {
        let count = |l| self.nodes.iter().filter(|n| n.level == l).count();
        (count(Level::Area), count(Level::Item), count(Level::Task))
    }
}

/// The bytes of a plan file, or why they cannot be read.
fn read_file(path: &Path) -> Result<Vec<u8>, Vec<PlanError>> {
    crate::storage::open::read_named(path).map_err(|e| unreadable(path, &e))
}

/// Why the plan file at `path` could not be read, as a plan error.
fn unreadable(path: &Path, e: &std::io::Error) -> Vec<PlanError> {
    let problem = match crate::storage::open::NotRegular::from_error(e) {
        Some(kind) => PlanProblem::NotRegular(kind),
        None => PlanProblem::Io {
            kind: e.kind(),
            message: e.to_string(),
        },
    };
    vec![PlanError {
        file: path.display().to_string(),
        line: 0,
        column: 0,
        path: String::new(),
        problem,
    }]
}

/// The path of a parse error; serde_path_to_error writes `?` for the place a syntax error left
/// unnamed and `.` for the root, neither of which helps a reader.
fn json_path(path: &serde_path_to_error::Path) -> String {
    let mut s = path.to_string();
    while let Some(rest) = s.strip_suffix('?') {
        s = rest.strip_suffix('.').unwrap_or(rest).to_string();
    }
    if s == "." { String::new() } else { s }
}

/// serde_json appends " at line L column C"; we report the position ourselves.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// A path into the plan as segments, e.g. `areas`, `0`, `id`.
pub(crate) type Segments = Vec<locate::Seg>;

fn validate(plan: &Plan) -> Vec<(Segments, PlanProblem)> {
    use locate::Seg::{Index as I, Key as K};
    let mut out = Vec::new();
    // The path of a problem is built only when there is one: a city's plan has 100,000 ids.
    fn check_id<'a>(
        seen: &mut HashSet<&'a str>,
        path: &dyn Fn() -> Segments,
        id: &'a str,
        parent: Option<&str>,
        out: &mut Vec<(Segments, PlanProblem)>,
    ) {
        if !seen.insert(id) {
            out.push((
                path(),
                PlanProblem::DuplicateId {
                    id: id.to_string(),
                    first_line: 0,
                },
            ));
        } else if !id_fits(id, parent) {
            out.push((
                path(),
                PlanProblem::BadId {
                    found: id.to_string(),
                    parent: parent.map(str::to_string),
                },
            ));
        }
    }
    let mut seen: HashSet<&str> = HashSet::new();
    let empty = |s: &str| s.trim().is_empty();
    let mut keys_seen: HashSet<&str> = HashSet::new();
    if empty(&plan.id) {
        out.push((vec![K("id")], PlanProblem::EmptyText));
    } else if !plan_id_fits(&plan.id) {
        out.push((vec![K("id")], PlanProblem::BadPlanId(plan.id.clone())));
    }
    if empty(&plan.title) {
        out.push((vec![K("title")], PlanProblem::EmptyText));
    }
    if plan.start > plan.due {
        out.push((vec![K("start")], PlanProblem::StartAfterDue));
    }
    if !(1900..=2999).contains(&plan.year) {
        out.push((vec![K("year")], PlanProblem::YearOutOfRange(plan.year)));
    }
    if plan.areas.is_empty() {
        out.push((vec![K("areas")], PlanProblem::EmptyList));
    }
    for (ai, area) in plan.areas.iter().enumerate() {
        let ap = || vec![K("areas"), I(ai)];
        let with = |mut p: Segments, s| {
            p.push(s);
            p
        };
        check_id(&mut seen, &|| with(ap(), K("id")), &area.id, None, &mut out);
        if empty(&area.title) {
            out.push((with(ap(), K("title")), PlanProblem::EmptyText));
        }
        if area.items.is_empty() {
            out.push((with(ap(), K("items")), PlanProblem::EmptyList));
        }
        for (ii, item) in area.items.iter().enumerate() {
            let ip = || {
                let mut p = ap();
                p.extend([K("items"), I(ii)]);
                p
            };
            check_id(
                &mut seen,
                &|| with(ip(), K("id")),
                &item.id,
                Some(&area.id),
                &mut out,
            );
            if empty(&item.title) {
                out.push((with(ip(), K("title")), PlanProblem::EmptyText));
            }
            if item.tasks.is_empty() {
                out.push((with(ip(), K("tasks")), PlanProblem::EmptyList));
            }
            for (ti, task) in item.tasks.iter().enumerate() {
                let tp = || {
                    let mut p = ip();
                    p.extend([K("tasks"), I(ti)]);
                    p
                };
                check_id(
                    &mut seen,
                    &|| with(tp(), K("id")),
                    &task.id,
                    Some(&item.id),
                    &mut out,
                );
                if let Some(key) = &task.key {
                    if !keys::fits(key) {
                        out.push((with(tp(), K("key")), PlanProblem::BadKey(key.clone())));
                    } else if !keys_seen.insert(key.as_str()) {
                        out.push((with(tp(), K("key")), PlanProblem::DuplicateKey(key.clone())));
                    }
                }
                if empty(&task.text) {
                    out.push((with(tp(), K("text")), PlanProblem::EmptyText));
                }
            }
        }
    }
    out
}

/// Whether `id` is a fresh segment of digits under `parent` (`1` at the top, `1.2` under `1`).
fn id_fits(id: &str, parent: Option<&str>) -> bool {
    let last = match parent {
        None => id,
        Some(p) => match id.strip_prefix(p).and_then(|r| r.strip_prefix('.')) {
            Some(rest) => rest,
            None => return false,
        },
    };
    !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a plan id is safe as a folder and file name everywhere: `[A-Za-z0-9_-]+`.
fn plan_id_fits(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// The path of the first node that carries `id`.
fn first_path_of(plan: &Plan, id: &str) -> Option<Segments> {
    use locate::Seg::{Index as I, Key as K};
    for (ai, area) in plan.areas.iter().enumerate() {
        if area.id == id {
            return Some(vec![K("areas"), I(ai), K("id")]);
        }
        for (ii, item) in area.items.iter().enumerate() {
            if item.id == id {
                return Some(vec![K("areas"), I(ai), K("items"), I(ii), K("id")]);
            }
            for (ti, task) in item.tasks.iter().enumerate() {
                if task.id == id {
                    let p = vec![K("areas"), I(ai), K("items"), I(ii), K("tasks"), I(ti)];
                    return Some([p, vec![K("id")]].concat());
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests;
