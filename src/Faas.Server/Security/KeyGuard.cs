using Faas.Core.Deployments;
using Faas.Server.Contracts;

namespace Faas.Server.Security;

/// <summary>
/// Keys and CORS, in front of every endpoint. Admin routes (<c>/api/*</c> except <c>/api/readiness</c>,
/// <c>/api/login</c> and <c>/api/logout</c>) need the admin key when
/// <see cref="KeyAuthenticator.AdminKeyRequired"/>; an app's call routes (<c>/{prefix}/{app}/{version}/call|await|static/...</c>
/// and its HTTP functions, <c>/fn/{app}/...</c>)
/// need one of its invoke keys (or the admin key) once it has any. A key comes as <c>Authorization: Bearer</c>,
/// <c>Authorization: jwt</c> (metacall-deploy), <c>X-Api-Key</c>, or the login cookie. Call routes of an app whose
/// <c>faas.json</c> allows an origin answer its preflights and carry <c>Access-Control-Allow-Origin</c>; other apps send no CORS header.
/// Everything else is open: Swagger, unknown paths, and the Hub's <c>/validate</c> stub, which answers a constant (when it fails,
/// metacall-deploy deletes its config.ini, server URL included, or reports "FaaS is not serving locally"; open, the CLI's first real request gets the 401).
/// </summary>
internal sealed class KeyGuard(RequestDelegate next, KeyAuthenticator keys, DeploymentRegistry registry)
{
    private static readonly string[] AlwaysOpenPaths = ["/api/readiness", "/api/login", "/api/logout"];
    private const string KeyHint = "send it as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>' (docs/api.md, Keys)";

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (CallRoute.TryParse(request.Path, out var call))
        {
            return CallAsync(context, call);
        }
        if (!IsAdminRoute(request.Path) || !keys.AdminKeyRequired)
        {
            return next(context);
        }
        return Authenticate(context, cookie: true) switch
        {
            null => RefuseAsync(context, json: false, StatusCodes.Status401Unauthorized, $"This server requires the admin key: {KeyHint}."),
            { Credential: null } => RefuseAsync(context, json: false, StatusCodes.Status401Unauthorized, "The key is not valid (unknown or revoked), or the login has expired."),
            { Credential.IsAdmin: false } granted => RefuseAsync(context, json: false, StatusCodes.Status403Forbidden,
                $"This key may only call the functions of the app '{granted.Credential.App}'; this route needs the admin key."),
            _ => next(context),
        };
    }

    private Task CallAsync(HttpContext context, CallRoute call)
    {
        var request = context.Request;
        var origin = request.Headers.Origin.ToString();
        var cors = origin.Length > 0 ? CorsOf(call) : null;
        var allowed = cors is not null && cors.Allows(origin);
        if (HttpMethods.IsOptions(request.Method) && origin.Length > 0 && request.Headers.ContainsKey("Access-Control-Request-Method"))
        {
            return allowed
                ? PreflightAsync(context, cors!, origin, call.IsHttpFunction)
                : RefuseAsync(context, json: true, StatusCodes.Status403Forbidden,
                    $"Cross-origin calls from '{origin}' are not allowed: the app '{call.App}' lists the origins it allows in its faas.json (\"cors\").");
        }
        if (allowed)
        {
            // On every answer, errors included, so the page can read why a call failed.
            context.Response.OnStarting(() =>
            {
                AddCorsHeaders(context.Response, cors!, origin);
                return Task.CompletedTask;
            });
        }
        if (!keys.InvokeKeyRequired(call.App))
        {
            return next(context);
        }
        return Authenticate(context, cookie: !FromAnotherPage(request)) switch
        {
            null => RefuseAsync(context, json: true, StatusCodes.Status401Unauthorized,
                $"The app '{call.App}' requires a key: send one of its invoke keys (or the admin key); {KeyHint}."),
            { Credential: null } => RefuseAsync(context, json: true, StatusCodes.Status401Unauthorized, "The key is not valid (unknown or revoked)."),
            { Credential: { IsAdmin: false } credential } when credential.App != call.App => RefuseAsync(context, json: true, StatusCodes.Status403Forbidden,
                $"This key may only call the functions of the app '{credential.App}', not '{call.App}'."),
            _ => next(context),
        };
    }

    /// <summary>
    /// Null when the request presents nothing; else what it presented proves (a null credential: an invalid key).
    /// The login cookie counts only when <paramref name="cookie"/> (admin routes, where the browser guard refuses other sites).
    /// </summary>
    private Presented? Authenticate(HttpContext context, bool cookie)
    {
        var request = context.Request;
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            var space = authorization.IndexOf(' ');
            var scheme = space > 0 ? authorization[..space] : authorization;
            var isKeyScheme = scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || scheme.Equals("jwt", StringComparison.OrdinalIgnoreCase);
            return new Presented(isKeyScheme ? keys.FromKey(authorization[(space + 1)..].Trim()) : null);
        }
        if (request.Headers.TryGetValue("X-Api-Key", out var apiKey))
        {
            return new Presented(keys.FromKey(apiKey.ToString().Trim()));
        }
        if (cookie && request.Cookies.TryGetValue(SessionStore.CookieName, out var session))
        {
            return new Presented(keys.FromSession(session));
        }
        return null;
    }

    /// <summary>
    /// A request a page of another origin made: call routes stay open to them (the browser guard does not apply), so the
    /// login cookie, which a browser also sends from same-site pages (another port of localhost), must not count there.
    /// </summary>
    private static bool FromAnotherPage(HttpRequest request) =>
        request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site"
        || request.Headers.Origin.ToString() is { Length: > 0 } origin
            && !string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);

    private static bool IsAdminRoute(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            && !AlwaysOpenPaths.Any(open => path.Equals(open, StringComparison.OrdinalIgnoreCase));

    private AppCors? CorsOf(CallRoute call) =>
        registry.TryGet(call.App, out var deployment) ? (deployment.Resolve(call.Version) ?? deployment.Active)?.Runtime?.Options.Cors : null;

    private static Task PreflightAsync(HttpContext context, AppCors cors, string origin, bool httpFunction)
    {
        var response = context.Response;
        AddCorsHeaders(response, cors, origin);
        response.Headers.AccessControlAllowMethods = httpFunction ? "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS" : "GET, POST";
        var requested = context.Request.Headers.AccessControlRequestHeaders.ToString();
        response.Headers.AccessControlAllowHeaders = requested.Length > 0 ? requested : "Content-Type";
        response.Headers.AccessControlMaxAge = "600";
        response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private static void AddCorsHeaders(HttpResponse response, AppCors cors, string origin)
    {
        response.Headers.AccessControlAllowOrigin = cors.AnyOrigin ? "*" : origin;
        if (cors.Credentials)
        {
            response.Headers.AccessControlAllowCredentials = "true";
        }
        response.Headers.Vary = "Origin";
    }

    /// <summary>401 carries <c>WWW-Authenticate: Bearer</c>; the body is plain text on admin routes and <c>{"error":...}</c> on call routes.</summary>
    private static Task RefuseAsync(HttpContext context, bool json, int status, string message)
    {
        var response = context.Response;
        response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized)
        {
            response.Headers.WWWAuthenticate = "Bearer realm=\"faas\"";
        }
        if (json)
        {
            return response.WriteAsJsonAsync(new ErrorResponse(message), HubJsonContext.Relaxed.ErrorResponse, cancellationToken: context.RequestAborted);
        }
        response.ContentType = "text/plain; charset=utf-8";
        return response.WriteAsync(message, context.RequestAborted);
    }

    private sealed record Presented(Credential? Credential);
}
