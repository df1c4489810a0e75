using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Faas.Core.Apps;

/// <summary>
/// An app's name (the Hub's <c>suffix</c>). Names become folder names, so every name is
/// validated here, once, and no path is ever built from a raw route or form value.
/// </summary>
public readonly partial record struct AppName
{
    public const int MaxLength = 100;

    private AppName(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse([NotNullWhen(true)] string? raw, out AppName name)
    {
        if (raw is not null && raw.Length <= MaxLength && Pattern().IsMatch(raw))
        {
            name = new AppName(raw);
            return true;
        }
        name = default;
        return false;
    }

    public static AppName Parse(string? raw) =>
        TryParse(raw, out var name) ? name : throw new InvalidAppNameException(raw);

    public override string ToString() => Value;

    // Letters, digits, '.', '_' and '-', starting with a letter or digit: never '.', '..',
    // a separator, or a hidden folder.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
