using System.Text;

namespace Faas.Core.Tests.Fuzz;

/// <summary>
/// Seeded JSON text with the shapes that break line-based protocols and naive parsers: line breaks
/// between tokens, escapes and raw U+2028 in strings, astral characters, huge and odd numbers,
/// repeated and array-index keys, nesting. <see cref="Mutate"/> damages valid text (it may stay valid).
/// </summary>
internal sealed class RandomJson(Random random)
{
    private static readonly string[] Whitespace = [" ", "\n", "\r\n", "\t", "\r", "  \n\t "];

    private static readonly string[] Numbers =
    [
        "0", "-0", "1", "-1", "42", "0.5", "-1.5E-300", "1e400", "-1e400", "1E+2", "123456789012345678901234567890",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "4294967295", "3.141592653589793238462643383279",
    ];

    private static readonly string[] StringPieces =
    [
        "a", "Z", " ", "é", "日本", "😀", "\u2028", "\u2029", "\\n", "\\r", "\\t", "\\\"", "\\\\", "\\/", "\\b", "\\f",
        "\\u0000", "\\u001f", "\\u2028", "\\ud83d\\ude00", "\\ud800", "<script>", "{\\\"id\\\":1}", "\u0085", "\ufeff",
    ];

    private static readonly string[] Keys = ["a", "b", "x", "y", "0", "1", "2", "10", "01", "-1", "4294967294", "4294967295", "__proto__", "é", "\u2028", "\\n", ""];

    private const string Inserted = "{}[],:\"\\\u0001\n";

    public Random Random => random;

    /// <summary>A valid JSON value nested at most <paramref name="depth"/> levels.</summary>
    public string Value(int depth)
    {
        var text = new StringBuilder();
        AppendValue(text, depth);
        return text.ToString();
    }

    public string Array(int depth)
    {
        var text = new StringBuilder();
        AppendArray(text, depth);
        return text.ToString();
    }

    /// <summary>An object whose keys come from <paramref name="keys"/> (repeats likely) or the built-in pool.</summary>
    public string Object(int depth, IReadOnlyList<string>? keys = null)
    {
        var text = new StringBuilder();
        AppendObject(text, depth, keys);
        return text.ToString();
    }

    public string Number() => random.Next(3) == 0
        ? (random.Next(2) == 0 ? "-" : "") + random.Next(1, 10) + new string([.. Enumerable.Range(0, random.Next(40)).Select(_ => (char)('0' + random.Next(10)))])
        : Numbers[random.Next(Numbers.Length)];

    /// <summary>A JSON string literal (with its quotes).</summary>
    public string String()
    {
        var text = new StringBuilder("\"");
        var pieces = random.Next(8);
        for (var i = 0; i < pieces; i++)
        {
            text.Append(StringPieces[random.Next(StringPieces.Length)]);
        }
        return text.Append('"').ToString();
    }

    /// <summary>Valid text damaged once or twice: cut, a byte changed, a structural character inserted or dropped.</summary>
    public string Mutate(string json)
    {
        var text = new StringBuilder(json);
        var edits = 1 + random.Next(2);
        for (var i = 0; i < edits && text.Length > 0; i++)
        {
            var at = random.Next(text.Length);
            switch (random.Next(5))
            {
                case 0:
                    text.Length = at;
                    break;
                case 1:
                    text.Remove(at, 1);
                    break;
                case 2:
                    text.Insert(at, Inserted[random.Next(Inserted.Length)]);
                    break;
                case 3:
                    text[at] = (char)random.Next(32, 127);
                    break;
                default:
                    text.Append(random.Next(2) == 0 ? "]" : " garbage");
                    break;
            }
        }
        return text.ToString();
    }

    private string Space() => random.Next(3) == 0 ? Whitespace[random.Next(Whitespace.Length)] : "";

    private void AppendValue(StringBuilder text, int depth)
    {
        text.Append(Space());
        switch (random.Next(depth <= 0 ? 5 : 8))
        {
            case 0:
                text.Append(random.Next(3) switch { 0 => "null", 1 => "true", _ => "false" });
                break;
            case 1:
            case 2:
                text.Append(Number());
                break;
            case 3:
            case 4:
                text.Append(String());
                break;
            case 5:
            case 6:
                AppendArray(text, depth - 1);
                break;
            default:
                AppendObject(text, depth - 1, null);
                break;
        }
        text.Append(Space());
    }

    private void AppendArray(StringBuilder text, int depth)
    {
        text.Append('[').Append(Space());
        var count = random.Next(5);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }
            AppendValue(text, depth);
        }
        text.Append(Space()).Append(']');
    }

    private void AppendObject(StringBuilder text, int depth, IReadOnlyList<string>? keys)
    {
        text.Append('{').Append(Space());
        var count = random.Next(6);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }
            var key = keys is { Count: > 0 } && random.Next(4) != 0 ? keys[random.Next(keys.Count)]
                : random.Next(3) == 0 ? String()[1..^1] : Keys[random.Next(Keys.Length)];
            text.Append(Space()).Append('"').Append(key).Append('"').Append(Space()).Append(':');
            AppendValue(text, depth);
        }
        text.Append(Space()).Append('}');
    }
}
