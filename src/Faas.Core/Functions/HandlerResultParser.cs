using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Faas.Core.Functions;

/// <summary>
/// Reads an HTTP handler's return value: an object <c>{statusCode, headers, body, isBase64Encoded}</c>.
/// A missing status is 200; a string body is sent as is (default <c>text/plain; charset=utf-8</c>), or
/// decoded when <c>isBase64Encoded</c> (default <c>application/octet-stream</c>); any other body (object,
/// array, number, boolean) is sent as JSON (default <c>application/json</c>); no body is an empty one.
/// Anything else throws <see cref="HandlerResultException"/> naming what is wrong.
/// </summary>
public static class HandlerResultParser
{
    public const string TextType = "text/plain; charset=utf-8";
    public const string JsonType = "application/json";
    public const string BinaryType = "application/octet-stream";

    // Set by Kestrel from the body, or meaningless for a relayed response.
    private static readonly string[] IgnoredHeaders = ["content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "trailer"];

    public static HandlerResponse Parse(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty)
        {
            throw new HandlerResultException("The handler returned nothing; return an object {statusCode, headers, body}.");
        }
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new HandlerResultException($"The handler returned {Describe(root)}; return an object {{statusCode, headers, body}}.");
        }
        var status = Status(root);
        var headers = Headers(root, out var contentType);
        var base64 = root.TryGetProperty("isBase64Encoded", out var flag) && flag.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False or JsonValueKind.Null => false,
            _ => throw new HandlerResultException($"isBase64Encoded must be true or false, not {Describe(flag)}."),
        };
        byte[] body;
        string defaultType;
        if (!root.TryGetProperty("body", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            body = [];
            defaultType = TextType;
        }
        else if (value.ValueKind == JsonValueKind.String && base64)
        {
            try
            {
                body = Convert.FromBase64String(value.GetString()!);
            }
            catch (FormatException)
            {
                throw new HandlerResultException("The body is not valid base64 (isBase64Encoded is true).");
            }
            defaultType = BinaryType;
        }
        else if (value.ValueKind == JsonValueKind.String)
        {
            body = Encoding.UTF8.GetBytes(value.GetString()!);
            defaultType = TextType;
        }
        else
        {
            body = Encoding.UTF8.GetBytes(value.GetRawText());
            defaultType = JsonType;
        }
        return new HandlerResponse(status, headers, body, contentType ?? defaultType);
    }

    private static int Status(JsonElement root)
    {
        if (!root.TryGetProperty("statusCode", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return 200;
        }
        int status;
        var ok = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt32(out status),
            JsonValueKind.String => int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out status),
            _ => (status = 0) == 1,
        };
        if (!ok || status is < 200 or > 599)
        {
            throw new HandlerResultException($"statusCode must be a whole number from 200 to 599, not {Describe(value)}.");
        }
        return status;
    }

    private static List<KeyValuePair<string, string>> Headers(JsonElement root, out string? contentType)
    {
        contentType = null;
        var headers = new List<KeyValuePair<string, string>>();
        if (!root.TryGetProperty("headers", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return headers;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new HandlerResultException($"headers must be an object of names to values, not {Describe(value)}.");
        }
        foreach (var header in value.EnumerateObject())
        {
            var name = header.Name;
            if (name.Length == 0 || name.Any(c => c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".Contains(c)))
            {
                throw new HandlerResultException($"'{name}' is not a valid header name.");
            }
            var values = header.Value.ValueKind == JsonValueKind.Array
                ? header.Value.EnumerateArray().Select(v => HeaderValue(name, v)).ToList()
                : [HeaderValue(name, header.Value)];
            if (IgnoredHeaders.Contains(name.ToLowerInvariant()))
            {
                continue;
            }
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = values.LastOrDefault();
                continue;
            }
            headers.AddRange(values.Select(v => new KeyValuePair<string, string>(name, v)));
        }
        return headers;
    }

    private static string HeaderValue(string name, JsonElement value)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => throw new HandlerResultException($"The header '{name}' must be a string, a number or a boolean, not {Describe(value)}."),
        };
        if (text.Any(c => c is '\r' or '\n' or '\0'))
        {
            throw new HandlerResultException($"The header '{name}' has a line break in its value.");
        }
        return text;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{Shorten(value.GetString()!)}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => "null",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
