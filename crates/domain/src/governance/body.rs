//! A body (*instance*): its kind and name, the pact or charter it belongs to, its members (people, with the
//! centre, partner or federation each represents; personal data), the yearly designations of its chair,
//! facilitating director and secretary, and the versions of its rulebook. A `BodyDraft` becomes a
//! `BodyContent` through `validate`, which reports every invalid field with its input path (`members.2.email`).

use chrono::NaiveDate;

use crate::agreement::Party;
use crate::directory::values::Email;
use crate::ids::{BodyId, MemberId, PactId};
use crate::text::Label;
use crate::validation::{ValidationErrors, Validator};

use super::kinds::{BodyKind, DesignationRole, MemberRole};
use super::rulebook::{Rulebook, Rules, in_force};

/// The most members, or designations, one body has.
pub const MAX_MEMBERS: usize = 500;

/// A seat held by one person: who they are (personal data), what they represent, whether they vote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub id: MemberId,
    pub name: Label,
    pub email: Option<Email>,
    pub role: MemberRole,
    /// The centre, partner or federation the member sits for.
    pub represents: Party,
    pub voting: bool,
    /// The *collège* the rules place the member in, where they use one.
    pub college: Option<Label>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Member {
    /// Whether the member sits on the body on `day` (no dates: always).
    pub fn sits_on(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|from| from <= day) && self.to.is_none_or(|to| day <= to)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Designation {
    pub year: i32,
    pub role: DesignationRole,
    pub member: MemberId,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BodyContent {
    pub kind: BodyKind,
    pub name: Label,
    /// The pact or charter that sets the body up.
    pub pact_id: Option<PactId>,
    /// The body it reports to (a collective to its council).
    pub parent_id: Option<BodyId>,
    pub members: Vec<Member>,
    pub designations: Vec<Designation>,
}

/// What is stored of a body: its content and every version of its rules, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BodyData {
    pub content: BodyContent,
    pub rulebooks: Vec<Rulebook>,
}

pub type Body = crate::record::Record<BodyId, BodyData>;

impl BodyContent {
    /// The members sitting on `day`.
    pub fn members_on(&self, day: NaiveDate) -> impl Iterator<Item = &Member> {
        self.members.iter().filter(move |m| m.sits_on(day))
    }

    /// How many members with a vote sit on `day`.
    pub fn voting_members_on(&self, day: NaiveDate) -> u32 {
        u32::try_from(self.members_on(day).filter(|m| m.voting).count()).unwrap_or(u32::MAX)
    }

    pub fn member(&self, id: MemberId) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }

    /// Who holds `role` for `year`.
    pub fn designated(&self, year: i32, role: DesignationRole) -> Option<&Member> {
        self.designations
            .iter()
            .find(|d| d.year == year && d.role == role)
            .and_then(|d| self.member(d.member))
    }
}

impl BodyData {
    /// The rulebook in force on `day`, if the body had one then.
    pub fn rulebook_on(&self, day: NaiveDate) -> Option<&Rulebook> {
        in_force(&self.rulebooks, day)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberDraft {
    /// The member's id, to keep a seat the body has (its attendance and votes stay with it); `None` for a new one.
    pub id: Option<MemberId>,
    pub name: String,
    pub email: Option<String>,
    pub role: MemberRole,
    pub represents: Party,
    pub voting: bool,
    pub college: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BodyDraft {
    pub kind: BodyKind,
    pub name: String,
    pub pact_id: Option<PactId>,
    pub parent_id: Option<BodyId>,
    pub members: Vec<MemberDraft>,
    pub designations: Vec<Designation>,
}

impl BodyDraft {
    /// A new body's content: new members get new ids; a designation names a member by id, so a new body's
    /// designations come with its first edit.
    pub fn validate(self) -> Result<BodyContent, ValidationErrors> {
        self.validate_with(&[])
    }

    /// The content replacing `current`'s: a member given with the id of one of `current`'s keeps it.
    pub fn validate_against(self, current: &BodyContent) -> Result<BodyContent, ValidationErrors> {
        let known: Vec<MemberId> = current.members.iter().map(|m| m.id).collect();
        self.validate_with(&known)
    }

    fn validate_with(self, known: &[MemberId]) -> Result<BodyContent, ValidationErrors> {
        let mut v = Validator::new();
        let name = v.check(&["name"], Label::parse(&self.name));
        if self.members.len() > MAX_MEMBERS || self.designations.len() > MAX_MEMBERS {
            v.invalid(&["members"], format!("at most {MAX_MEMBERS} members and designations"));
        }
        let members: Vec<Option<Member>> = self
            .members
            .into_iter()
            .enumerate()
            .map(|(i, m)| v.nested(&["members", &i.to_string()], |v| m.validate(v, known)))
            .collect();
        let mut ids: Vec<MemberId> = Vec::new();
        for (i, member) in members.iter().enumerate() {
            if let Some(member) = member {
                if ids.contains(&member.id) {
                    v.invalid(&["members", &i.to_string(), "id"], "this member is listed twice");
                }
                ids.push(member.id);
            }
        }
        for (i, d) in self.designations.iter().enumerate() {
            let at = i.to_string();
            if !ids.contains(&d.member) {
                v.invalid(&["designations", &at, "memberId"], "not a member of this body");
            }
            if !(2000..=2100).contains(&d.year) {
                v.invalid(&["designations", &at, "year"], "a year from 2000 to 2100");
            }
            if self.designations[..i]
                .iter()
                .any(|o| o.year == d.year && o.role == d.role)
            {
                v.invalid(&["designations", &at], "this role is already designated for this year");
            }
        }
        v.finish(|| {
            Some(BodyContent {
                kind: self.kind,
                name: name?,
                pact_id: self.pact_id,
                parent_id: self.parent_id,
                members: members.into_iter().collect::<Option<Vec<_>>>()?,
                designations: self.designations,
            })
        })
    }
}

impl MemberDraft {
    fn validate(self, v: &mut Validator, known: &[MemberId]) -> Option<Member> {
        let name = v.check(&["name"], Label::parse(&self.name));
        let email = v.optional(&["email"], self.email.as_deref(), Email::parse);
        let college = v.optional(&["college"], self.college.as_deref(), Label::parse);
        if let (Some(from), Some(to)) = (self.from, self.to)
            && to < from
        {
            v.invalid(&["to"], "the last day is on or after the first");
        }
        let id = match self.id {
            Some(id) if !known.contains(&id) => {
                v.invalid(&["id"], "not a member of this body");
                return None;
            }
            Some(id) => id,
            None => MemberId::generate(),
        };
        Some(Member {
            id,
            name: name?,
            email: email?,
            role: self.role,
            represents: self.represents,
            voting: self.voting,
            college: college?,
            from: self.from,
            to: self.to,
        })
    }
}

impl BodyData {
    /// A new body, with no rulebook yet.
    pub fn new(content: BodyContent) -> BodyData {
        BodyData {
            content,
            rulebooks: Vec::new(),
        }
    }

    /// The body with `draft` as its content.
    pub fn edit(&self, draft: BodyDraft) -> Result<BodyData, ValidationErrors> {
        Ok(BodyData {
            content: draft.validate_against(&self.content)?,
            rulebooks: self.rulebooks.clone(),
        })
    }

    /// The body without `member` and the designations naming them: the first step of erasing a person (their
    /// attendance and votes, which name the seat by its id only, stay).
    pub fn without_member(&self, member: MemberId) -> Result<BodyData, ValidationErrors> {
        if self.content.member(member).is_none() {
            return Err(ValidationErrors::single(crate::validation::FieldError::new(
                &["memberId"],
                crate::validation::FieldErrorCode::NotFound,
                "not a member of this body",
            )));
        }
        let mut content = self.content.clone();
        content.members.retain(|m| m.id != member);
        content.designations.retain(|d| d.member != member);
        Ok(BodyData {
            content,
            rulebooks: self.rulebooks.clone(),
        })
    }

    /// The body with one more version of its rules, applying from `effective_from` (not before the last one).
    pub fn adopt(&self, effective_from: NaiveDate, rules: Rules) -> Result<BodyData, ValidationErrors> {
        let mut v = Validator::new();
        if let Some(last) = self.rulebooks.last()
            && effective_from < last.effective_from
        {
            v.invalid(
                &["effectiveFrom"],
                format!(
                    "version {} applies from {}: a new version applies from then or later",
                    last.version, last.effective_from
                ),
            );
        }
        if !crate::calendar::is_supported(effective_from) {
            v.invalid(&["effectiveFrom"], "a day from 2000 to 2100");
        }
        check_rules(&mut v, &rules);
        let version = u32::try_from(self.rulebooks.len())
            .unwrap_or(u32::MAX)
            .saturating_add(1);
        v.finish(|| {
            let mut rulebooks = self.rulebooks.clone();
            rulebooks.push(Rulebook {
                version,
                effective_from,
                rules,
            });
            Some(BodyData {
                content: self.content.clone(),
                rulebooks,
            })
        })
    }
}

fn check_rules(v: &mut Validator, rules: &Rules) {
    use super::rulebook::{MAX_NOTICE_DAYS, MAX_PROXY_CAP};
    if let Some(f) = rules.frequency
        && !(1..=31).contains(&f.meetings)
    {
        v.invalid(&["rules", "frequency", "meetings"], "from 1 to 31 meetings");
    }
    if rules.notice_days.is_some_and(|d| d > MAX_NOTICE_DAYS) {
        v.invalid(&["rules", "noticeDays"], format!("at most {MAX_NOTICE_DAYS} days"));
    }
    if rules.proxy_cap.is_some_and(|c| !(1..=MAX_PROXY_CAP).contains(&c)) {
        v.invalid(
            &["rules", "proxyCap"],
            format!("from 1 (no proxy) to {MAX_PROXY_CAP} votes"),
        );
    }
    for (i, (kind, _)) in rules.majorities.iter().enumerate() {
        if rules.majorities[..i].iter().any(|(k, _)| k == kind) {
            v.invalid(
                &["rules", "majorities", &i.to_string()],
                "this kind of decision has a majority already",
            );
        }
    }
}
