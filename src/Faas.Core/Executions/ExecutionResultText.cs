using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Faas.Core.Executions;

/// <summary>
/// What the history keeps of a successful execution's value: a Hub call's JSON result, or an HTTP function's
/// body when it is text, at most <see cref="Cap"/> bytes then <see cref="TruncatedMarker"/>. JSON is copied
/// token by token with the fields <see cref="SecretMasker.IsSecretField"/> names masked, and the copy stops at
/// the cap (a large result costs no more than its first <see cref="Cap"/> bytes); other text is cut before decoding.
/// </summary>
public static class ExecutionResultText
{
    public const int Cap = 4 * 1024;
    public const string TruncatedMarker = "…(truncated)";

    private static readonly string[] TextTypes = ["json", "xml", "javascript", "x-www-form-urlencoded", "yaml", "csv"];

    /// <summary>
    /// Bytes the masking copy gives back unchanged: printable ASCII but <c>{</c> (no object, so no field to mask),
    /// <c>\</c> (no escape to re-encode) and the space (no whitespace to drop). A value made only of these (a
    /// number, <c>true</c>, a plain string, an array of them) is kept as its text without being copied.
    /// </summary>
    private static readonly SearchValues<byte> Verbatim = SearchValues.Create(
        [.. Enumerable.Range(0x21, 0x7E - 0x21 + 1).Select(b => (byte)b).Where(b => b is not ((byte)'{' or (byte)'\\'))]);

    // The masking copy's buffer and writer, one per thread and reused: a call's result costs only its string.
    private static readonly ReusedJsonWriter Masking = new(
        new JsonWriterOptions { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>Whether a body of this content type is kept (text), not binary.</summary>
    public static bool IsText(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || TextTypes.Any(t => contentType.Contains(t, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Whether a body of this content type is JSON (its secret fields are masked).</summary>
    public static bool IsJson(string? contentType) => contentType is not null && contentType.Contains("json", StringComparison.OrdinalIgnoreCase);

    /// <summary>The text kept for <paramref name="value"/> (UTF-8): masked when <paramref name="json"/>, capped.</summary>
    public static string Of(ReadOnlySpan<byte> value, bool json)
    {
        if (json && value.ContainsAnyExcept(Verbatim))
        {
            try
            {
                return MaskedJson(value);
            }
            catch (JsonException)
            {
                // Not JSON after all (a mislabelled body): kept as text.
            }
        }
        return Text(value);
    }

    private static string Text(ReadOnlySpan<byte> value)
    {
        if (value.Length <= Cap)
        {
            return Encoding.UTF8.GetString(value);
        }
        var cut = Cap;
        while (cut > 0 && (value[cut] & 0xC0) == 0x80)
        {
            cut--;
        }
        return Encoding.UTF8.GetString(value[..cut]) + TruncatedMarker;
    }

    /// <summary>The masking copy (no shortcut), capped.</summary>
    internal static string MaskedJson(ReadOnlySpan<byte> value)
    {
        var (output, writer) = Masking.Start();
        var truncated = false;
        var reader = new Utf8JsonReader(value);
        while (!truncated && reader.Read())
        {
            if (writer.BytesCommitted + writer.BytesPending > Cap)
            {
                break;
            }
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject: writer.WriteStartObject(); break;
                case JsonTokenType.EndObject: writer.WriteEndObject(); break;
                case JsonTokenType.StartArray: writer.WriteStartArray(); break;
                case JsonTokenType.EndArray: writer.WriteEndArray(); break;
                case JsonTokenType.PropertyName:
                    var name = reader.GetString()!;
                    writer.WritePropertyName(name);
                    if (SecretMasker.IsSecretField(name))
                    {
                        reader.Read();
                        reader.Skip();
                        writer.WriteStringValue(SecretMasker.Redacted);
                    }
                    break;
                case JsonTokenType.String when reader.ValueSpan.Length > Cap:
                    // One long string: its raw start is enough (the text is cut at the cap anyway).
                    writer.WriteRawValue([(byte)'"', .. reader.ValueSpan[..Cap]], skipInputValidation: true);
                    truncated = true;
                    break;
                case JsonTokenType.String:
                    if (reader.ValueIsEscaped)
                    {
                        writer.WriteStringValue(reader.GetString());
                    }
                    else
                    {
                        writer.WriteStringValue(reader.ValueSpan);
                    }
                    break;
                default: writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true); break;
            }
        }
        writer.Flush();
        return Text(output.WrittenSpan);
    }
}
