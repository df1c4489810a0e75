using System.Globalization;

namespace Faas.Core.Deployments;

/// <summary>Version names in routes and requests: <c>v1</c>, <c>v2</c>, ... or <c>latest</c> (the active one).</summary>
public static class VersionId
{
    public const string Latest = "latest";

    public static string Format(int number) => "v" + number.ToString(CultureInfo.InvariantCulture);

    /// <summary>The number in <c>vN</c> (N from 1), or false for anything else, <c>latest</c> included.</summary>
    public static bool TryParse(string? text, out int number)
    {
        number = 0;
        return text is { Length: > 1 and < 11 } && text[0] == 'v' && text[1] != '0'
            && int.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }
}
