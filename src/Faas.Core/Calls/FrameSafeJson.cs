using System.Buffers;

namespace Faas.Core.Calls;

/// <summary>
/// Makes valid JSON text safe to embed in one protocol line: whitespace between tokens is dropped
/// (valid JSON holds raw CR and LF only there; inside strings they are escapes) and U+2028 / U+2029,
/// legal raw inside JSON strings but line breaks to some readers, become <c>\u2028</c> / <c>\u2029</c>.
/// Everything else (number text, escapes, key order) is kept byte for byte.
/// </summary>
internal static class FrameSafeJson
{
    /// <summary>Bytes that can start a line break: LF, CR, and E2, the first byte of U+2028 and U+2029 in UTF-8.</summary>
    private static readonly SearchValues<byte> LineBreakStarts = SearchValues.Create([(byte)'\n', (byte)'\r', 0xE2]);

    /// <param name="json">Valid JSON (checked by the caller); the result is the same value on one line.</param>
    public static ReadOnlyMemory<byte> Compact(ReadOnlyMemory<byte> json)
    {
        var input = json.Span;
        // The common case: nothing that could break a line, so the body is relayed as is.
        if (input.IndexOfAny(LineBreakStarts) < 0)
        {
            return json;
        }
        // Escaping 3 bytes as 6 at most doubles the length.
        var rented = ArrayPool<byte>.Shared.Rent(input.Length * 2);
        try
        {
            var written = Compact(input, rented);
            return rented.AsSpan(0, written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int Compact(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var o = 0;
        var inString = false;
        for (var i = 0; i < input.Length; i++)
        {
            var b = input[i];
            if (!inString)
            {
                if (b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
                {
                    continue;
                }
                inString = b == (byte)'"';
                output[o++] = b;
            }
            else if (b == (byte)'\\')
            {
                // An escape's second byte is ASCII in valid JSON; copy the pair.
                output[o++] = b;
                output[o++] = input[++i];
            }
            else if (b == 0xE2 && i + 2 < input.Length && input[i + 1] == 0x80 && input[i + 2] is 0xA8 or 0xA9)
            {
                (input[i + 2] == 0xA8 ? @"\u2028"u8 : @"\u2029"u8).CopyTo(output[o..]);
                o += 6;
                i += 2;
            }
            else
            {
                inString = b != (byte)'"';
                output[o++] = b;
            }
        }
        return o;
    }
}
