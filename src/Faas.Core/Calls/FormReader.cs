using System.Text.Json;

namespace Faas.Core.Calls;

/// <summary>Parses <c>application/x-www-form-urlencoded</c> text into name / JSON-string pairs.</summary>
internal static class FormReader
{
    public static IReadOnlyList<(string Name, string Raw)> Parse(string form)
    {
        var pairs = new List<(string, string)>();
        foreach (var part in form.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? part : part[..equals]);
            var value = equals < 0 ? "" : Decode(part[(equals + 1)..]);
            pairs.Add((name, JsonSerializer.Serialize(value, FaasJsonContext.Default.String)));
        }
        return pairs;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
