//! Words in messages: a count with its noun in the number it takes (`1 account`, `2 accounts`).

/// `n` and `one` (the singular), in the plural unless `n` is 1; `y` after a consonant becomes `ies`.
pub(crate) fn count(n: impl Into<u64>, one: &str) -> String {
    let n = n.into();
    if n == 1 {
        return format!("1 {one}");
    }
    match one.strip_suffix('y') {
        Some(stem) if !stem.ends_with(['a', 'e', 'i', 'o', 'u']) => format!("{n} {stem}ies"),
        _ => format!("{n} {one}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_the_rest_plural() {
        assert_eq!(count(1u64, "sub-organization"), "1 sub-organization");
        assert_eq!(count(0u64, "account"), "0 accounts");
        assert_eq!(count(3u64, "entry"), "3 entries");
        assert_eq!(count(2u64, "key"), "2 keys");
    }
}
