using System.Net;
using Microsoft.Extensions.Options;

namespace Faas.Server.Security;

/// <summary>
/// Keeps web pages from using the developer's browser against the server: a request whose <c>Host</c>
/// is not one of the server's names is refused (DNS rebinding), and a request that changes something
/// (<c>/api/*</c> with a method other than GET/HEAD/OPTIONS) is refused when it comes from another site
/// (<c>Sec-Fetch-Site: cross-site|same-site</c>, or an <c>Origin</c> that is not the server's own) or,
/// on the JSON routes, with a body type other than JSON (browsers send form and text bodies cross-site
/// without a preflight; other clients send JSON, or no type at all). Function calls
/// stay open to every client; curl, <c>metacall-deploy</c> and Swagger UI (same origin) pass unchanged.
/// </summary>
internal sealed class BrowserGuard(RequestDelegate next, IOptions<SecurityOptions> security, IConfiguration configuration)
{
    private static readonly string[] UploadRoutes = ["/api/package/create"];
    private readonly HashSet<string> _hosts = AllowedHosts(security.Value, configuration);
    private readonly bool _anyHost = security.Value.AllowedHosts.Contains("*");
    // The last Host header found allowed, as sent (port included): most requests repeat it, and then nothing is parsed.
    private volatile string? _lastAllowedHost;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!_anyHost && !IsAllowedHostHeader(request))
        {
            return RefuseAsync(context, StatusCodes.Status400BadRequest,
                $"The host name '{request.Host.Host}' is not one of this server's; add it to Faas:Security:AllowedHosts to use it.");
        }
        if (!ChangesSomething(request))
        {
            return next(context);
        }
        if (CrossSite(request) is { } why)
        {
            return RefuseAsync(context, StatusCodes.Status403Forbidden, $"Cross-site request refused: {why}.");
        }
        if (!IsUpload(request) && request.ContentType is { } type && !IsJson(type))
        {
            return RefuseAsync(context, StatusCodes.Status415UnsupportedMediaType,
                $"Send the body as JSON (Content-Type: application/json), not '{type}'.");
        }
        return next(context);
    }

    private static bool ChangesSomething(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
        && !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));

    /// <summary>Why the request comes from another site, or null.</summary>
    private static string? CrossSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site is "cross-site" or "same-site")
        {
            return $"Sec-Fetch-Site is '{site}'";
        }
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return null;
        }
        var own = $"{request.Scheme}://{request.Host.Value}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) ? null : $"the page's origin '{origin}' is not this server's ({own})";
    }

    /// <summary>
    /// Routes that take a multipart archive (a form post is their normal shape), and <c>PUT /api/apps/{app}/kv/{key}</c>,
    /// whose body is the raw value (a browser cannot send a PUT cross-site without a CORS preflight).
    /// </summary>
    private static bool IsUpload(HttpRequest request) =>
        UploadRoutes.Contains(request.Path.Value, StringComparer.Ordinal)
        || HttpMethods.IsPut(request.Method) && request.Path.StartsWithSegments("/api/apps", out var rest)
            && (rest.Value?.Count(c => c == '/') == 1 || IsKvValue(rest.Value));

    /// <summary><c>/{app}/kv/{key...}</c>.</summary>
    private static bool IsKvValue(string? rest) =>
        rest?.Split('/', 4) is ["", { Length: > 0 }, "kv", { Length: > 0 }];

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.Split(';')[0].Trim().EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private bool IsAllowedHostHeader(HttpRequest request)
    {
        var header = request.Headers.Host.ToString();
        if (header.Length > 0 && string.Equals(header, _lastAllowedHost, StringComparison.Ordinal))
        {
            return true;
        }
        if (!IsAllowedHost(request.Host.Host))
        {
            return false;
        }
        _lastAllowedHost = header;
        return true;
    }

    private bool IsAllowedHost(string host)
    {
        host = host.Trim('[', ']');
        return _hosts.Contains(host)
            || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }

    private static HashSet<string> AllowedHosts(SecurityOptions security, IConfiguration configuration)
    {
        var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "localhost", Dns.GetHostName() };
        if (configuration["Faas:Host"] is { Length: > 0 } bound && bound is not "0.0.0.0" and not "::" and not "*" and not "+")
        {
            hosts.Add(bound.Trim('[', ']'));
        }
        hosts.UnionWith(security.AllowedHosts);
        return hosts;
    }

    private static Task RefuseAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message, context.RequestAborted);
    }
}
