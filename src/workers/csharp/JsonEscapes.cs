using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Faas.Worker.CSharp;

/// <summary>
/// Rewrites System.Text.Json's <c>\u</c> escapes the way <c>JSON.stringify</c> and Python's
/// <c>json.dumps(ensure_ascii=False)</c> write them, so every worker returns the same bytes
/// (docs/protocol.md: results are relayed byte for byte). Even its most relaxed encoder escapes
/// characters outside the BMP (<c>\uD83D\uDE00</c> for 😀) and writes control characters in upper
/// case (<c>\u001F</c>): the first become raw UTF-8, only control characters and lone surrogates
/// stay escaped, in lower case (<c>\u001f</c>).
/// </summary>
internal static class JsonEscapes
{
    public static byte[] Normalize(byte[] json)
    {
        var span = json.AsSpan();
        if (span.IndexOf("\\u"u8) < 0)
        {
            return json; // the common case: nothing to rewrite
        }
        var output = new ArrayBufferWriter<byte>(json.Length);
        // Escapes only occur inside strings, and a backslash always starts one: scanning from the first
        // backslash, escape by escape, never mistakes an escaped backslash followed by 'u' for \u.
        var i = span.IndexOf((byte)'\\');
        var copied = 0;
        while (i >= 0 && i < span.Length - 1)
        {
            if (span[i] != (byte)'\\')
            {
                i++;
                continue;
            }
            if (span[i + 1] != (byte)'u' || i + 6 > span.Length || !TryHex(span.Slice(i + 2, 4), out var unit))
            {
                i += 2; // \" \\ \n ...: kept as they are
                continue;
            }
            var consumed = 6;
            var scalar = -1;
            if (char.IsHighSurrogate(unit) && i + 12 <= span.Length && span[i + 6] == (byte)'\\' && span[i + 7] == (byte)'u'
                && TryHex(span.Slice(i + 8, 4), out var low) && char.IsLowSurrogate(low))
            {
                scalar = char.ConvertToUtf32(unit, low);
                consumed = 12;
            }
            else if (!char.IsSurrogate(unit) && unit >= ' ' && unit != '"' && unit != '\\')
            {
                scalar = unit;
            }
            output.Write(span[copied..i]);
            if (scalar >= 0)
            {
                var rune = new Rune(scalar);
                rune.EncodeToUtf8(output.GetSpan(4));
                output.Advance(rune.Utf8SequenceLength);
            }
            else
            {
                output.Write(Encoding.ASCII.GetBytes($"\\u{(int)unit:x4}"));
            }
            i += consumed;
            copied = i;
        }
        output.Write(span[copied..]);
        return output.WrittenSpan.ToArray();
    }

    private static bool TryHex(ReadOnlySpan<byte> digits, out char unit)
    {
        var parsed = Utf8Parser.TryParse(digits, out ushort value, out var used, 'X') && used == 4;
        unit = (char)value;
        return parsed;
    }
}
