using System.Text.Json;

namespace Faas.Core.Deployments;

/// <summary>
/// Which web pages may call an app's functions from a browser: the <c>cors</c> setting of its <c>faas.json</c>,
/// either <c>"*"</c> (any page, without credentials) or <c>{"origins": ["https://example.com"] | "*", "credentials": false}</c>.
/// An app without it sends no CORS header, so browsers keep other sites from reading its answers.
/// </summary>
public sealed record AppCors(IReadOnlyList<string> Origins, bool AnyOrigin, bool Credentials)
{
    /// <summary>Whether a page of <paramref name="origin"/> (the request's <c>Origin</c> header) may read the answers.</summary>
    public bool Allows(string origin) =>
        AnyOrigin || (Normalize(origin) is { } normal && Origins.Contains(normal, StringComparer.OrdinalIgnoreCase));

    internal static AppCors Parse(JsonElement cors)
    {
        if (cors.ValueKind == JsonValueKind.String && cors.GetString() == "*")
        {
            return new AppCors([], AnyOrigin: true, Credentials: false);
        }
        if (cors.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("must be \"*\" or an object {\"origins\": [...], \"credentials\": false}");
        }
        var credentials = false;
        if (cors.TryGetProperty("credentials", out var flag))
        {
            credentials = flag.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Invalid("credentials must be true or false"),
            };
        }
        if (!cors.TryGetProperty("origins", out var origins))
        {
            throw Invalid("needs \"origins\": a list of origins such as \"https://example.com\", or \"*\"");
        }
        if (origins.ValueKind == JsonValueKind.String && origins.GetString() == "*")
        {
            return credentials
                ? throw Invalid("credentials cannot be allowed for every origin (\"*\"): list the origins")
                : new AppCors([], AnyOrigin: true, Credentials: false);
        }
        if (origins.ValueKind != JsonValueKind.Array)
        {
            throw Invalid("origins must be a list of origins or \"*\"");
        }
        var list = new List<string>();
        foreach (var origin in origins.EnumerateArray())
        {
            var text = origin.ValueKind == JsonValueKind.String ? origin.GetString() : null;
            list.Add(Normalize(text) ?? throw Invalid($"'{text ?? origin.GetRawText()}' is not an origin (scheme://host[:port], http or https, no path)"));
        }
        return new AppCors(list, AnyOrigin: false, credentials);
    }

    /// <summary><c>scheme://host[:port]</c> as browsers send it (lower-case, no default port), or null when it is not one.</summary>
    private static string? Normalize(string? origin)
    {
        if (origin is null || !Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.PathAndQuery != "/" || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return null;
        }
        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }

    private static FaasException Invalid(string why) => new(FaasError.BadRequest, $"{AppSettingsFile.FileName}: cors {why}.");
}
