//! A shared folder is hostile ground, and so is everything it can put on a screen or in a
//! document: every test builds its case from scratch, runs the real program, and checks that
//! nothing outside the folder changed, nothing hung, no acknowledged change was lost, the warning
//! names the file, and no control character from a colleague's text reached an output raw.
#![allow(clippy::unwrap_used)]

/// One temporary computer and the program run on it.
mod desk;
/// What a colleague's file in the shared folder cannot do.
mod folder;
/// What text and names from the folder cannot do to the terminal, documents and files.
mod output;
