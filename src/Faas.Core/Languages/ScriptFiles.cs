namespace Faas.Core.Languages;

/// <summary>The extension rule of detection, like the CLI's wizard (docs/api.md, "Apps without metacall.json").</summary>
public static class ScriptFiles
{
    /// <summary>
    /// Root files with one of <paramref name="extensions"/>, by name, except dotfiles, <c>*.config.*</c>,
    /// <c>*.test.*</c>, <c>*.spec.*</c> and what <paramref name="excluded"/> (lower-case name, stem) refuses.
    /// </summary>
    public static IReadOnlyList<string> WithExtensions(RootFiles root, IReadOnlyList<string> extensions, Func<string, string, bool>? excluded = null) =>
        [.. root.Names.Where(file =>
        {
            var name = file.ToLowerInvariant();
            if (name.StartsWith('.') || name.Contains(".config.", StringComparison.Ordinal)
                || name.Contains(".test.", StringComparison.Ordinal) || name.Contains(".spec.", StringComparison.Ordinal))
            {
                return false;
            }
            return extensions.Contains(Path.GetExtension(name), StringComparer.Ordinal)
                && excluded?.Invoke(name, Path.GetFileNameWithoutExtension(name)) != true;
        }).Select(root.PathOf)];

    /// <summary>A test file by its stem: <c>test_x</c>, or ending in one of <paramref name="suffixes"/> (<c>_test</c>).</summary>
    public static bool IsTestStem(string stem, params string[] suffixes) =>
        stem.StartsWith("test_", StringComparison.Ordinal) || suffixes.Any(s => stem.EndsWith(s, StringComparison.Ordinal));
}
