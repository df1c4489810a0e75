using System.Text.Json;
using System.Text.Json.Nodes;

namespace Faas.Core.Executions;

/// <summary>
/// What the history stores of an HTTP event, with secrets replaced by <c>[REDACTED]</c> (the reference's
/// rules; the handler sees the real event): headers whose name contains authorization, cookie, token,
/// key, secret, password or auth; query keys containing api_key, apikey, access_token, token, secret,
/// password, auth or key; and, in a JSON body, at any depth, object keys equal to one of
/// <see cref="SecretFields"/> or made of one and other words joined by <c>_</c> or <c>-</c>
/// (<c>db_password</c>, <c>client-secret-id</c>). Other bodies are kept as they are.
/// </summary>
public static class SecretMasker
{
    public const string Redacted = "[REDACTED]";

    private static readonly string[] SecretHeaderParts = ["authorization", "cookie", "token", "key", "secret", "password", "auth"];
    private static readonly string[] SecretQueryParts = ["api_key", "apikey", "access_token", "token", "secret", "password", "auth", "key"];

    public static readonly string[] SecretFields =
    [
        "password", "secret", "api_key", "apikey", "access_token", "private_key", "client_secret",
        "token", "auth", "authorization", "bearer", "credential", "credentials",
    ];

    public static bool IsSecretHeader(string name) => ContainsAny(name, SecretHeaderParts);

    public static bool IsSecretQueryKey(string name) => ContainsAny(name, SecretQueryParts);

    public static bool IsSecretField(string name)
    {
        var lower = name.ToLowerInvariant();
        foreach (var field in SecretFields)
        {
            if (lower == field
                || lower.StartsWith(field, StringComparison.Ordinal) && lower.Length > field.Length && lower[field.Length] is '_' or '-'
                || lower.EndsWith(field, StringComparison.Ordinal) && lower.Length > field.Length && lower[^(field.Length + 1)] is '_' or '-'
                || lower.Contains("_" + field + "_", StringComparison.Ordinal) || lower.Contains("-" + field + "-", StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The body with secret JSON fields masked at any depth; null when it is not a JSON object or array (kept as is).</summary>
    public static string? MaskJsonBody(string body)
    {
        var trimmed = body.AsSpan().TrimStart();
        if (trimmed.IsEmpty || trimmed[0] is not ('{' or '['))
        {
            return null;
        }
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
        if (node is null || !Mask(node))
        {
            return null;
        }
        return node.ToJsonString();
    }

    /// <summary>Masks secret fields in place; true if anything changed.</summary>
    public static bool Mask(JsonNode node)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (IsSecretField(name))
                    {
                        obj[name] = Redacted;
                        changed = true;
                    }
                    else if (value is not null)
                    {
                        changed |= Mask(value);
                    }
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        changed |= Mask(item);
                    }
                }
                break;
        }
        return changed;
    }

    private static bool ContainsAny(string name, string[] parts)
    {
        foreach (var part in parts)
        {
            if (name.Contains(part, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
