//! The gazetteer of actors (countries, organisations, people) and its TOML format.

/// A stable actor id such as `nato` or `north-korea`.
#[derive(
    Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(transparent)]
pub struct ActorId(pub String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Organisation,
    Country,
    Person,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Actor {
    pub id: ActorId,
    /// Arabic display name.
    pub name: String,
    pub name_en: String,
    pub kind: ActorKind,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A list of actors. PLACEHOLDER: empty.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    pub actors: Vec<Actor>,
}

impl Gazetteer {
    /// The built-in gazetteer (`data/actors.toml`).
    pub fn builtin() -> Self {
        Self::default()
    }
}
