namespace Faas.Server.Security;

/// <summary>A function-call or static-file path: <c>/{prefix}/{app}/{version}/call|await/{func}</c> or <c>.../static/{path}</c>, or <c>/invoke/{app}/...</c> (a server app).</summary>
internal readonly record struct CallRoute(string App, string Version)
{
    public static bool TryParse(PathString path, out CallRoute route)
    {
        route = default;
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        // An HTTP-server app: /invoke/{app}[/{**path}] reaches its active version.
        if (segments.Length >= 2 && segments[0].Equals("invoke", StringComparison.OrdinalIgnoreCase))
        {
            route = new CallRoute(segments[1], "latest");
            return true;
        }
        if (segments.Length < 4 || segments[0].Equals("api", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        // Routing matches literal segments ignoring case, so this must too (or /CALL/ would pass unchecked).
        var kind = segments[3].ToLowerInvariant();
        if (kind is "call" or "await" ? segments.Length != 5 : kind != "static")
        {
            return false;
        }
        route = new CallRoute(segments[1], segments[2]);
        return true;
    }
}
