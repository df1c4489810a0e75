using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Faas.Core.Calls;

/// <summary>
/// Turns a call's HTTP body into arguments, as MetaCall Hub does: a JSON array is positional; a
/// JSON object binds by name when every key names a parameter, otherwise its values are passed
/// positionally in JavaScript key order (integer-like keys ascending, then insertion order); a
/// url-encoded form is an object of strings; no body means no arguments. The arguments always
/// come out as one line of JSON (<see cref="FrameSafeJson"/>): a body's line breaks never reach
/// the worker's line-based protocol.
/// </summary>
public static class ArgumentBinder
{
    public static CallArguments Bind(ReadOnlyMemory<byte> body, string? contentType, IReadOnlyList<string> parameters)
    {
        if (IsBlank(body.Span))
        {
            return CallArguments.None;
        }
        // curl -d sends form-encoded by default; a body shaped like a JSON array or object is meant as JSON.
        if (contentType is not null && contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            && !LooksLikeJson(body.Span))
        {
            return FromPairs(FormReader.Parse(Encoding.UTF8.GetString(body.Span)), parameters);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new FaasException(FaasError.BadRequest, $"The request body is not valid JSON: {e.Message}");
        }
        RefuseUndecodableKeys(document);
        using (document)
        {
            var root = document.RootElement;
            return root.ValueKind switch
            {
                JsonValueKind.Array => new CallArguments(FrameSafeJson.Compact(body), ByName: false),
                JsonValueKind.Object => FromPairs([.. root.EnumerateObject().Select(p => (p.Name, Raw: p.Value.GetRawText()))], parameters),
                // A lone value is the one argument.
                _ => new CallArguments(FrameSafeJson.Compact(Encoding.UTF8.GetBytes($"[{root.GetRawText()}]")), ByName: false),
            };
        }
    }

    private static CallArguments FromPairs(IReadOnlyList<(string Name, string Raw)> pairs, IReadOnlyList<string> parameters)
    {
        if (pairs.Count == 0)
        {
            return CallArguments.None;
        }
        var byName = pairs.All(p => parameters.Contains(p.Name));
        var ordered = byName ? pairs : JavaScriptKeyOrder(pairs);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            if (byName)
            {
                writer.WriteStartObject();
                foreach (var (name, raw) in ordered)
                {
                    writer.WritePropertyName(name);
                    writer.WriteRawValue(raw, skipInputValidation: true);
                }
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteStartArray();
                foreach (var (_, raw) in ordered)
                {
                    writer.WriteRawValue(raw, skipInputValidation: true);
                }
                writer.WriteEndArray();
            }
        }
        return new CallArguments(FrameSafeJson.Compact(buffer.WrittenMemory.ToArray()), byName);
    }

    /// <summary>JavaScript's own-key order: array-index keys ascending, then the rest as inserted; a repeated key keeps its first place and its last value.</summary>
    internal static IReadOnlyList<(string Name, string Raw)> JavaScriptKeyOrder(IReadOnlyList<(string Name, string Raw)> pairs)
    {
        var latest = new Dictionary<string, string>(StringComparer.Ordinal);
        var firstSeen = new List<string>();
        foreach (var (name, raw) in pairs)
        {
            if (!latest.ContainsKey(name))
            {
                firstSeen.Add(name);
            }
            latest[name] = raw;
        }
        var indices = firstSeen.Where(IsArrayIndex).OrderBy(k => uint.Parse(k, CultureInfo.InvariantCulture));
        var others = firstSeen.Where(k => !IsArrayIndex(k));
        return [.. indices.Concat(others).Select(k => (k, latest[k]))];
    }

    private static bool IsArrayIndex(string key) =>
        key.Length > 0 && (key == "0" || key[0] != '0')
        && uint.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
        && value != uint.MaxValue;

    /// <summary>A form body never starts with '[' or '{': such a body is JSON, valid or not.</summary>
    private static bool LooksLikeJson(ReadOnlySpan<byte> body)
    {
        var trimmed = body.TrimStart(" \t\r\n"u8);
        return !trimmed.IsEmpty && (trimmed[0] == (byte)'[' || trimmed[0] == (byte)'{');
    }

    /// <summary>
    /// Top-level keys become parameter names, so they must decode to text: JSON allows a lone
    /// surrogate escape ("\ud800"), which .NET cannot turn into a string.
    /// </summary>
    private static void RefuseUndecodableKeys(JsonDocument document)
    {
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        try
        {
            foreach (var property in document.RootElement.EnumerateObject())
            {
                _ = property.Name;
            }
        }
        catch (InvalidOperationException)
        {
            document.Dispose();
            throw new FaasException(FaasError.BadRequest, "The request body has a key that is not valid Unicode text (a lone surrogate escape such as \\ud800).");
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> body) => body.Trim(" \t\r\n"u8).IsEmpty;
}
