using System.Globalization;
using System.Text;

namespace Faas.Core.Tests.Fuzz;

/// <summary>
/// One canonical text per JSON value, so two texts can be compared for meaning without decoding
/// them to .NET strings (which refuses lone surrogate escapes): whitespace between tokens dropped,
/// every string character escaped the same way, numbers, key order and repeated keys kept as written.
/// </summary>
internal static class JsonText
{
    /// <param name="json">Valid JSON.</param>
    public static string Canonical(string json)
    {
        var text = new StringBuilder(json.Length);
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (c != '"')
            {
                if (c is not (' ' or '\t' or '\n' or '\r'))
                {
                    text.Append(c);
                }
                continue;
            }
            text.Append('"');
            for (i++; json[i] != '"'; i++)
            {
                var character = json[i];
                if (character == '\\')
                {
                    i++;
                    character = json[i] switch
                    {
                        'n' => '\n',
                        'r' => '\r',
                        't' => '\t',
                        'b' => '\b',
                        'f' => '\f',
                        'u' => (char)int.Parse(json.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                        var other => other,
                    };
                    i += json[i] == 'u' ? 4 : 0;
                }
                text.Append(character is < ' ' or > '~' or '"' or '\\' ? $"\\u{(int)character:x4}" : character);
            }
            text.Append('"');
        }
        return text.ToString();
    }

    public static string Canonical(ReadOnlySpan<byte> json) => Canonical(Encoding.UTF8.GetString(json));
}
