//! The merged events as they are held in memory: packed one after another in the snapshot's
//! layout (about 75 bytes an event, against some 300 for an [`Event`] with its texts), and
//! decoded when looked at. A city's million events fit in a quarter of the memory this way.

use std::borrow::Cow;
use std::fmt;

use compact_str::CompactString;
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Body, Change, Event, Meeting, Move, Moved};
use crate::status::Status;

/// Events in (time, id) order, packed; each is decoded into an [`Event`] when asked for.
#[derive(Clone, Default)]
pub struct Events {
    /// The records, one after another.
    bytes: Vec<u8>,
    /// Where each record starts in `bytes`, from the start of its block; it ends where the
    /// next one starts. Four bytes an event rather than eight.
    starts: Vec<u32>,
    /// Each block of events: the index of its first event and where that event starts. A
    /// block holds at most [`BLOCK`] events, and fewer when their records pass 4 GiB.
    blocks: Vec<(usize, usize)>,
    /// Events not packed yet: those of a whole read, which the fold packs one by one as it
    /// goes, rather than packing them all and then reading each back. When there are any,
    /// there are no packed ones.
    plain: Vec<Event>,
}

/// The most events in one block.
const BLOCK: usize = 1024;

/// Room made for one record when many are packed at once: a little more than most take.
const TYPICAL_RECORD: usize = 96;

impl Events {
    /// No events.
    pub fn new() -> Self {
        Self::default()
    }

    /// No events, with room for `n` of them at a typical size (what is not used is given back
    /// by [`Events::shrink_to_fit`]).
    pub fn with_capacity(n: usize) -> Self {
        Self {
            bytes: Vec::with_capacity(n * TYPICAL_RECORD),
            starts: Vec::with_capacity(n),
            ..Self::default()
        }
    }

    /// `events`, in (time, id) order, held as they are until [`Events::pack`].
    pub fn unpacked(events: Vec<Event>) -> Self {
        Self {
            plain: events,
            ..Self::default()
        }
    }

    /// The events as they are, if they are not packed yet; else these, packed.
    pub fn into_unpacked(self) -> Result<Vec<Event>, Events> {
        if self.plain.is_empty() {
            Err(self)
        } else {
            Ok(self.plain)
        }
    }

    /// Whether every event is packed.
    pub fn is_packed(&self) -> bool {
        self.plain.is_empty()
    }

    /// Packs the events not packed yet.
    pub fn pack(&mut self) {
        let plain = std::mem::take(&mut self.plain);
        self.bytes.reserve(plain.len() * TYPICAL_RECORD);
        self.starts.reserve(plain.len());
        for e in plain {
            self.push(&e);
        }
        self.shrink_to_fit();
    }

    /// How many events there are.
    pub fn len(&self) -> usize {
        self.starts.len() + self.plain.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Adds `event` at the end.
    pub fn push(&mut self, event: &Event) {
        if !self.plain.is_empty() {
            self.pack();
        }
        self.grow();
        let at = self.bytes.len();
        let record = Record::from(event);
        // Most records fit a small buffer on the stack, written without a check of room per
        // byte; a longer one (a long note) goes through the list's own growth.
        let mut scratch = [0u8; 1024];
        let written = match postcard::to_slice(&record, &mut scratch) {
            Ok(used) => {
                self.bytes.extend_from_slice(used);
                true
            }
            Err(_) => postcard::to_io(&record, &mut self.bytes).is_ok(),
        };
        if written {
            self.push_start(at);
        } else {
            // Every field of an event has a known size: writing to memory cannot fail.
            self.bytes.truncate(at);
        }
    }

    /// Records that the next event starts at `at` in `bytes`.
    fn push_start(&mut self, at: usize) {
        let fits = |&(first, base): &(usize, usize)| {
            self.starts.len() - first < BLOCK && u32::try_from(at - base).is_ok()
        };
        if !self.blocks.last().is_some_and(fits) {
            self.blocks.push((self.starts.len(), at));
        }
        let base = self.blocks.last().map_or(0, |b| b.1);
        self.starts.push(u32::try_from(at - base).unwrap_or(0));
    }

    /// Where the record of event `i` starts in `bytes`.
    fn start(&self, i: usize) -> usize {
        let b = self.blocks.partition_point(|&(first, _)| first <= i);
        let base = b.checked_sub(1).map_or(0, |b| self.blocks[b].1);
        base + self.starts[i] as usize
    }

    /// Where the record of event `i` starts in `bytes`, or their end when there is none.
    fn start_or_end(&self, i: usize) -> usize {
        if i < self.starts.len() {
            self.start(i)
        } else {
            self.bytes.len()
        }
    }

    /// Makes room for one more event, growing by an eighth when full rather than doubling:
    /// at a city's size the list is tens of megabytes, and a change adds one event to it.
    fn grow(&mut self) {
        if self.bytes.capacity() - self.bytes.len() < 1024 {
            self.bytes
                .reserve_exact((self.bytes.len() / 8).max(1 << 16));
        }
        if self.starts.capacity() == self.starts.len() {
            self.starts.reserve_exact((self.starts.len() / 8).max(1024));
        }
    }

    /// Adds the record `raw` (taken from another list) at the end.
    fn push_raw(&mut self, raw: &[u8]) {
        self.grow();
        self.push_start(self.bytes.len());
        self.bytes.extend_from_slice(raw);
    }

    /// The bytes of the event at `i`.
    fn raw(&self, i: usize) -> &[u8] {
        &self.bytes[self.start(i)..self.start_or_end(i + 1)]
    }

    /// The event at `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<Event> {
        (i < self.len()).then(|| self.event(i))
    }

    /// The event at `i`.
    ///
    /// # Panics
    /// When there is no event at `i`, as indexing a slice does.
    pub fn event(&self, i: usize) -> Event {
        if self.plain.is_empty() {
            decode(self.raw(i))
        } else {
            self.plain[i].clone()
        }
    }

    /// The last event.
    pub fn last(&self) -> Option<Event> {
        self.len().checked_sub(1).map(|i| self.event(i))
    }

    /// The id of the event at `i`, read without decoding the rest.
    pub fn id(&self, i: usize) -> Uuid {
        self.key(i).1
    }

    /// The time and id of the last event.
    pub fn last_key(&self) -> Option<(Timestamp, Uuid)> {
        self.len().checked_sub(1).map(|i| self.key(i))
    }

    /// Every event's id, oldest first.
    pub fn ids(&self) -> impl DoubleEndedIterator<Item = Uuid> + ExactSizeIterator + '_ {
        (0..self.len()).map(|i| self.id(i))
    }

    /// The time and id of the event at `i`: its place in the order.
    pub fn key(&self, i: usize) -> (Timestamp, Uuid) {
        if let Some(e) = self.plain.get(i) {
            return (e.at, e.id);
        }
        let head = postcard::from_bytes::<Head>(self.raw(i)).ok();
        head.and_then(|h| Some((Timestamp::from_nanosecond(h.at).ok()?, h.id)))
            .unwrap_or((Timestamp::MIN, Uuid::nil()))
    }

    /// Every event, oldest first.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            events: self,
            front: 0,
            back: self.len(),
            rest: &self.bytes,
            plain: &self.plain,
            notes: true,
        }
    }

    /// Every event, oldest first, a packed one without its note (and meeting title): for a
    /// pass that places or applies changes, which spares copying every note's text.
    pub fn iter_without_notes(&self) -> Iter<'_> {
        Iter {
            notes: false,
            ..self.iter()
        }
    }

    /// Keeps the first `n` events.
    pub fn truncate(&mut self, n: usize) {
        self.plain.truncate(n);
        if n < self.starts.len() {
            self.bytes.truncate(self.start(n));
            self.starts.truncate(n);
            self.blocks.retain(|&(first, _)| first < n);
        }
    }

    /// The first `n` events.
    pub fn prefix(&self, n: usize) -> Events {
        let mut first = self.clone();
        first.truncate(n);
        first
    }

    /// The number of events before the first one stamped after `t`.
    pub fn count_until(&self, t: Timestamp) -> usize {
        // A binary search on the keys, which are in order.
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.key(mid).0 <= t {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// Gives back memory grown for events that never came.
    pub fn shrink_to_fit(&mut self) {
        self.bytes.shrink_to_fit();
        self.starts.shrink_to_fit();
        self.blocks.shrink_to_fit();
        self.plain.shrink_to_fit();
    }

    /// These events and `new` (in any order) in one list ordered by (time, id), equal keys
    /// these first; duplicates are left as they are. Events that come after all of these, as
    /// appended lines do, are only added at the end.
    pub fn with_sorted(mut self, mut new: Vec<Event>) -> Events {
        if new.is_empty() {
            return self;
        }
        if !new.is_sorted_by_key(|e| (e.at, e.id)) {
            super::sort_in_place(&mut new);
        }
        if self.is_empty() {
            // A whole read: the fold packs them.
            return Events::unpacked(new);
        }
        self.pack();
        let after_all = self
            .len()
            .checked_sub(1)
            .is_none_or(|i| self.key(i) <= (new[0].at, new[0].id));
        if after_all {
            // The new events packed apart first, so that exactly the room they need is added.
            let mut all = self;
            let mut new = Events::unpacked(new);
            new.pack();
            all.bytes.reserve_exact(new.bytes.len());
            all.starts.reserve_exact(new.len());
            let base = all.bytes.len();
            for i in 0..new.len() {
                all.push_start(base + new.start(i));
            }
            all.bytes.extend_from_slice(&new.bytes);
            return all;
        }
        let mut all = Events {
            bytes: Vec::with_capacity(self.bytes.len()),
            starts: Vec::with_capacity(self.len() + new.len()),
            ..Events::default()
        };
        let mut new = new.into_iter().peekable();
        for i in 0..self.len() {
            let key = self.key(i);
            while let Some(e) = new.next_if(|e| (e.at, e.id) < key) {
                all.push(&e);
            }
            all.push_raw(self.raw(i));
        }
        for e in new {
            all.push(&e);
        }
        all
    }

    /// The events packed in `bytes`, which hold `n` records one after another, each checked to
    /// decode into an event; `None` if they do not (a damaged file).
    #[cfg(test)]
    pub(super) fn from_bytes(bytes: Vec<u8>, n: usize) -> Option<Events> {
        let starts = starts_of(&bytes, n)?;
        Some(Events::from_parts(bytes, vec![(0, starts)]))
    }

    /// The events packed in `bytes`, in parts one after another: each where it starts in
    /// `bytes` and where its records start from there (checked by the caller).
    pub(super) fn from_parts(bytes: Vec<u8>, parts: Vec<(usize, Vec<u32>)>) -> Events {
        let mut events = Events {
            bytes,
            starts: Vec::with_capacity(parts.iter().map(|p| p.1.len()).sum()),
            ..Events::default()
        };
        for (at, starts) in parts {
            for s in starts {
                events.push_start(at + s as usize);
            }
        }
        events
    }

    /// The records of events `from..to`, one after another, as the snapshot writes them (of
    /// packed events: see [`Events::pack`]).
    pub(super) fn records(&self, from: usize, to: usize) -> &[u8] {
        let end = self.start_or_end(to);
        &self.bytes[self.start_or_end(from).min(end)..end]
    }
}

/// Where each of the `n` records in `bytes` starts, if they are `n` records of events and
/// nothing else, in less than 4 GiB.
pub(super) fn starts_of(bytes: &[u8], n: usize) -> Option<Vec<u32>> {
    let mut starts = Vec::new();
    starts.try_reserve_exact(n).ok()?;
    let mut rest = bytes;
    for _ in 0..n {
        starts.push(u32::try_from(bytes.len() - rest.len()).ok()?);
        let (record, after) = postcard::take_from_bytes::<Record>(rest).ok()?;
        record.check()?;
        rest = after;
    }
    rest.is_empty().then_some(starts)
}

/// The event in the record `raw`, which was checked when it was stored.
fn decode(raw: &[u8]) -> Event {
    postcard::from_bytes::<Record>(raw)
        .ok()
        .and_then(|r| Event::try_from(r).ok())
        .unwrap_or_else(Event::placeholder)
}

impl From<Vec<Event>> for Events {
    /// The events, not packed yet: a fold packs them as it goes through them.
    fn from(events: Vec<Event>) -> Self {
        Events::unpacked(events)
    }
}

impl From<&[Event]> for Events {
    fn from(events: &[Event]) -> Self {
        events.iter().collect()
    }
}

impl<'a> FromIterator<&'a Event> for Events {
    fn from_iter<T: IntoIterator<Item = &'a Event>>(iter: T) -> Self {
        let mut packed = Events::new();
        for e in iter {
            packed.push(e);
        }
        packed
    }
}

impl FromIterator<Event> for Events {
    fn from_iter<T: IntoIterator<Item = Event>>(iter: T) -> Self {
        let mut packed = Events::new();
        for e in iter {
            packed.push(&e);
        }
        packed
    }
}

impl PartialEq for Events {
    fn eq(&self, other: &Events) -> bool {
        if self.plain.is_empty() && other.plain.is_empty() {
            self.bytes == other.bytes && self.starts == other.starts && self.blocks == other.blocks
        } else {
            self.len() == other.len() && self.iter().eq(other.iter())
        }
    }
}

impl Eq for Events {}

impl PartialEq<[Event]> for Events {
    fn eq(&self, other: &[Event]) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a == *b)
    }
}

impl PartialEq<Vec<Event>> for Events {
    fn eq(&self, other: &Vec<Event>) -> bool {
        *self == other[..]
    }
}

impl fmt::Debug for Events {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<'a> IntoIterator for &'a Events {
    type Item = Event;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// The events of an [`Events`], decoded one at a time.
#[derive(Clone)]
pub struct Iter<'a> {
    events: &'a Events,
    front: usize,
    back: usize,
    /// The records from the one at `front` on: the next one is read from here, without
    /// looking up where it starts.
    rest: &'a [u8],
    /// The events not packed yet.
    plain: &'a [Event],
    /// Whether notes are read too.
    notes: bool,
}

impl Iterator for Iter<'_> {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        if self.front >= self.back {
            return None;
        }
        self.front += 1;
        if let Some(e) = self.plain.get(self.front - 1) {
            return Some(e.clone());
        }
        match postcard::take_from_bytes::<Record>(self.rest) {
            Ok((mut record, rest)) => {
                self.rest = rest;
                if !self.notes {
                    record.drop_texts();
                }
                Some(Event::try_from(record).unwrap_or_else(|_| Event::placeholder()))
            }
            // Records are checked when they are stored: not reached.
            Err(_) => Some(Event::placeholder()),
        }
    }

    fn nth(&mut self, n: usize) -> Option<Event> {
        self.front = self.front.saturating_add(n).min(self.back);
        let events = self.events;
        self.rest = &events.bytes[events.start_or_end(self.front)..];
        self.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.back - self.front;
        (n, Some(n))
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Event> {
        (self.front < self.back).then(|| {
            self.back -= 1;
            self.events.event(self.back)
        })
    }
}

impl ExactSizeIterator for Iter<'_> {}

/// The first fields of a record: enough to place it in the order.
#[derive(Deserialize)]
struct Head {
    id: Uuid,
    at: i128,
}

/// An event in the packed layout: every field present, times as integers.
#[derive(Serialize, Deserialize)]
pub(super) struct Record<'a> {
    id: Uuid,
    at: i128,
    user: Text<'a>,
    #[serde(borrow)]
    body: RecordBody<'a>,
}

#[derive(Serialize, Deserialize)]
enum RecordBody<'a> {
    Change(#[serde(borrow)] RecordChange<'a>),
    Meeting(#[serde(borrow)] Option<Text<'a>>),
    Moved(Cow<'a, [Move]>),
}

#[derive(Serialize, Deserialize)]
struct RecordChange<'a> {
    node: Text<'a>,
    #[serde(borrow)]
    key: Option<Text<'a>>,
    status: Option<Status>,
    percent: Option<u8>,
    #[serde(borrow)]
    note: Option<Text<'a>>,
    #[serde(borrow)]
    owner: Option<Text<'a>>,
    due: Option<(i16, i8, i8)>,
    batch: Option<Uuid>,
    undoes: Option<Uuid>,
    redoes: Option<Uuid>,
    after: Option<Uuid>,
    #[serde(borrow)]
    about: Option<Text<'a>>,
}

impl Record<'_> {
    /// Leaves out its note or meeting title.
    fn drop_texts(&mut self) {
        match &mut self.body {
            RecordBody::Change(c) => c.note = None,
            RecordBody::Meeting(title) => *title = None,
            RecordBody::Moved(_) => {}
        }
    }

    /// Whether it makes an event, found without building one.
    fn check(&self) -> Option<()> {
        Timestamp::from_nanosecond(self.at).ok()?;
        if let RecordBody::Change(c) = &self.body
            && let Some((y, m, d)) = c.due
        {
            Date::new(y, m, d).ok()?;
        }
        Some(())
    }
}

fn short(s: Option<Text<'_>>) -> Option<CompactString> {
    s.map(|t| CompactString::from(t.0))
}

/// A text of a record: written as a string, read back as bytes borrowed from the record and
/// checked as UTF-8 with SIMD (the plain check took a tenth of a fold of a city's events).
#[derive(Clone, Copy)]
struct Text<'a>(&'a str);

impl Serialize for Text<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Text<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a text")
            }

            fn visit_borrowed_bytes<E: serde::de::Error>(
                self,
                v: &'de [u8],
            ) -> Result<Text<'de>, E> {
                simdutf8::basic::from_utf8(v)
                    .map(Text)
                    .map_err(|_| E::custom("a text that is not UTF-8"))
            }

            fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(v))
            }
        }
        d.deserialize_bytes(Visit)
    }
}

impl<'a> From<&'a Event> for Record<'a> {
    fn from(e: &'a Event) -> Self {
        let body = match &e.body {
            Body::Change(c) => RecordBody::Change(RecordChange {
                node: Text(&c.node),
                key: c.key.as_deref().map(Text),
                status: c.status,
                percent: c.percent,
                note: c.note.as_deref().map(Text),
                owner: c.owner.as_deref().map(Text),
                due: c.due.map(|d| (d.year(), d.month(), d.day())),
                batch: c.batch,
                undoes: c.undoes,
                redoes: c.redoes,
                after: c.after,
                about: c.about.as_deref().map(Text),
            }),
            Body::Meeting(m) => RecordBody::Meeting(m.title.as_deref().map(Text)),
            Body::Moved(m) => RecordBody::Moved(Cow::Borrowed(&m.tasks)),
        };
        Record {
            id: e.id,
            at: e.at.as_nanosecond(),
            user: Text(&e.user),
            body,
        }
    }
}

impl TryFrom<Record<'_>> for Event {
    type Error = jiff::Error;

    fn try_from(r: Record<'_>) -> Result<Self, Self::Error> {
        let body = match r.body {
            RecordBody::Change(c) => Body::Change(Change {
                node: c.node.0.into(),
                key: short(c.key),
                status: c.status,
                percent: c.percent,
                note: c.note.map(|t| t.0.to_string()),
                owner: short(c.owner),
                due: c.due.map(|(y, m, d)| Date::new(y, m, d)).transpose()?,
                batch: c.batch,
                undoes: c.undoes,
                redoes: c.redoes,
                after: c.after,
                about: short(c.about),
            }),
            RecordBody::Meeting(title) => Body::Meeting(Meeting {
                title: title.map(|t| t.0.to_string()),
            }),
            RecordBody::Moved(tasks) => Body::Moved(Moved {
                tasks: tasks.into_owned(),
            }),
        };
        Ok(Event {
            id: r.id,
            at: Timestamp::from_nanosecond(r.at)?,
            user: r.user.0.into(),
            body,
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn pack_all(list: Vec<Event>) -> Events {
        let mut events = Events::unpacked(list);
        events.pack();
        events
    }

    fn change(at: i64, node: &str, note: Option<&str>) -> Event {
        Event {
            id: Uuid::now_v7(),
            at: Timestamp::from_second(1_690_000_000 + at).unwrap(),
            user: "王敏".into(),
            body: Body::Change(Change {
                node: node.into(),
                percent: Some(40),
                note: note.map(str::to_string),
                due: Some(jiff::civil::date(2023, 12, 31)),
                ..Change::default()
            }),
        }
    }

    #[test]
    fn events_read_back_as_they_went_in() {
        let list = vec![
            change(0, "1.1.1", Some("社区食堂试运营，长者助餐点增至三个")),
            Event {
                id: Uuid::now_v7(),
                at: Timestamp::from_second(1_690_000_100).unwrap(),
                user: "李强".into(),
                body: Body::Meeting(Meeting {
                    title: Some("第三季度推进会".into()),
                }),
            },
            change(200, "2.1.3", None),
            // A record longer than the buffer most are written through.
            change(300, "2.1.4", Some(&"进展".repeat(400))),
        ];
        let packed = pack_all(list.clone());
        assert_eq!(packed.len(), 4);
        assert_eq!(packed.iter().collect::<Vec<_>>(), list);
        assert_eq!(packed.iter().next_back(), list.last().cloned());
        assert_eq!(packed.get(1), Some(list[1].clone()));
        assert_eq!(packed.get(3), Some(list[3].clone()));
        assert_eq!(packed.get(4), None);
        assert_eq!(packed.key(2), (list[2].at, list[2].id));
        assert_eq!(packed.count_until(list[1].at), 2);
        assert_eq!(packed.prefix(1).iter().collect::<Vec<_>>(), list[..1]);
        let again = Events::from_bytes(packed.records(0, 4).to_vec(), 4).unwrap();
        assert_eq!(again, packed);
        assert!(Events::from_bytes(packed.records(0, 4).to_vec(), 3).is_none());
        assert!(Events::from_bytes(packed.records(0, 2)[..50].to_vec(), 2).is_none());
    }

    #[test]
    fn events_over_many_blocks_read_back_and_cut_as_a_list_does() {
        let list: Vec<Event> = (0..3000)
            .map(|i| change(i, "1.1.1", (i % 7 == 0).then_some("进展")))
            .collect();
        let mut packed = pack_all(list.clone());
        assert_eq!(packed, list);
        assert_eq!(packed.event(2999), list[2999]);
        assert_eq!(packed.key(1024), (list[1024].at, list[1024].id));
        let again = Events::from_bytes(packed.records(0, 3000).to_vec(), 3000).unwrap();
        assert_eq!(again, packed);
        assert_eq!(
            packed.records(1000, 1100),
            packed.prefix(1100).records(1000, 1100)
        );
        packed.truncate(1500);
        assert_eq!(packed, list[..1500]);
        packed.push(&list[2000]);
        assert_eq!(packed.len(), 1501);
        assert_eq!(packed.last(), Some(list[2000].clone()));
        let mut built = pack_all(list[..1500].to_vec());
        built.push(&list[2000]);
        assert_eq!(packed, built, "the same events, held the same way");
    }

    #[test]
    fn a_packed_event_takes_a_fraction_of_an_event_in_memory() {
        // Changes as officers write them: a task's key and text, a note of some thirty
        // characters, the change seen before.
        let list: Vec<Event> = (0..2000)
            .map(|i| {
                let mut e = change(
                    i,
                    "3.2.14",
                    Some("已完成第二批老旧小区加装电梯意见征询，签约率九成"),
                );
                if let Body::Change(c) = &mut e.body {
                    c.key = Some("k7Qm2x".into());
                    c.about = Some("推进老旧小区加装电梯工作".into());
                    c.after = Some(Uuid::now_v7());
                }
                e
            })
            .collect();
        let packed = pack_all(list);
        let held = packed.bytes.capacity()
            + packed.starts.capacity() * std::mem::size_of::<u32>()
            + packed.blocks.capacity() * std::mem::size_of::<(usize, usize)>();
        let per_event = held / packed.len();
        // The event as a struct, with its note and task text on the heap (not counting what
        // the allocator adds to each).
        let note = "已完成第二批老旧小区加装电梯意见征询，签约率九成".len();
        let whole = std::mem::size_of::<Event>() + note + "推进老旧小区加装电梯工作".len();
        assert!(
            per_event * 5 < whole * 3,
            "{per_event} bytes an event, {whole} as a struct"
        );
    }

    #[test]
    fn events_merged_in_keep_the_order() {
        let a = change(0, "1.1.1", None);
        let b = change(100, "1.1.2", Some("b"));
        let c = change(200, "1.1.3", None);
        let d = change(300, "1.1.4", None);
        let packed = pack_all(vec![a.clone(), c.clone()]);
        let merged = packed.clone().with_sorted(vec![d.clone(), b.clone()]);
        assert_eq!(
            merged.iter().collect::<Vec<_>>(),
            [a, b, c.clone(), d.clone()]
        );
        let appended = packed.with_sorted(vec![d.clone()]);
        assert_eq!(appended.last(), Some(d));
        assert_eq!(appended.len(), 3);
    }
}
