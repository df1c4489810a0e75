using Faas.Core.Apps;
using Faas.Server.OpenApi;
using Faas.Server.Security;

namespace Faas.Server.Endpoints;

/// <summary>Keys (<c>/api/keys</c>: create, list, revoke) and the dashboard's login with the admin key.</summary>
internal static class KeyEndpoints
{
    private const int MaxNameLength = 100;

    public static IEndpointRouteBuilder MapKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/keys").WithTags("Keys");
        keys.MapPost("/", CreateAsync)
            .WithSummary("Create a key: {\"name\",\"scope\":\"admin\"|\"invoke\",\"app\"} (app for invoke keys); the answer holds the key, shown this once")
            .AcceptsJson<CreateKeyRequest>().Produces<CreatedKey>(StatusCodes.Status201Created).ProducesText(400);
        keys.MapGet("/", (KeyStore store) => TypedResults.Json(
                store.All.Select(k => new KeyInfo(k.Id, k.Name, k.Scope, k.App, k.Created)).ToArray(), KeyJsonContext.Default.KeyInfoArray))
            .WithSummary("The stored keys: id, name, scope, app, created (never the key)");
        keys.MapDelete("/{id}", Revoke)
            .WithSummary("Revoke a key: it stops working at once (409 for the last admin key of a server that needs one, "
                + "and for an app's last invoke key unless ?openApp=true)")
            .Produces(StatusCodes.Status204NoContent).ProducesText(404, 409);

        app.MapPost("/api/login", LoginAsync).WithTags("Keys")
            .WithSummary("Log in with the admin key {\"key\"}: sets an HttpOnly, SameSite=Strict session cookie that authenticates like the key")
            .AcceptsJson<LoginRequest>().Produces<LoginResponse>().ProducesText(400, 401, 403);
        app.MapPost("/api/logout", Logout).WithTags("Keys")
            .WithSummary("End the login session and clear its cookie").Produces(StatusCodes.Status204NoContent);
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, KeyStore store, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, KeyJsonContext.Default.CreateKeyRequest, "keys", cancellationToken);
        if (body is null)
        {
            return BadRequest("The body must be JSON: {\"name\":\"...\",\"scope\":\"admin\"|\"invoke\",\"app\":\"...\"}.");
        }
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > MaxNameLength)
        {
            return BadRequest($"name is required (1 to {MaxNameLength} characters).");
        }
        AppName? app = null;
        if (body.Scope == KeyScopes.Admin && body.App is not null)
        {
            return BadRequest("An admin key is for every app: leave out app.");
        }
        if (body.Scope == KeyScopes.Invoke)
        {
            if (!AppName.TryParse(body.App, out var name))
            {
                return BadRequest($"An invoke key needs app: the name of the app whose functions it may call ('{body.App}' is not a valid app name).");
            }
            app = name;
        }
        else if (body.Scope != KeyScopes.Admin)
        {
            return BadRequest($"scope must be \"{KeyScopes.Admin}\" or \"{KeyScopes.Invoke}\", not '{body.Scope}'.");
        }
        var (stored, key) = store.Create(body.Name.Trim(), body.Scope, app);
        return TypedResults.Json(new CreatedKey(stored.Id, key, stored.Name, stored.Scope, stored.App, stored.Created),
            KeyJsonContext.Default.CreatedKey, statusCode: StatusCodes.Status201Created);
    }

    private static IResult Revoke(string id, bool? openApp, KeyStore store, KeyAuthenticator keys) =>
        store.Revoke(id, (key, remaining) => keys.RevokeRefusal(key, remaining, openApp == true), out var why) switch
        {
            RevokeResult.Revoked => Results.NoContent(),
            RevokeResult.NotFound => Results.Text($"No key has the id '{id}'.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound),
            _ => Results.Text(why, "text/plain; charset=utf-8", statusCode: StatusCodes.Status409Conflict),
        };

    private static async Task<IResult> LoginAsync(HttpContext context, KeyAuthenticator keys, SessionStore sessions, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(context.Request, KeyJsonContext.Default.LoginRequest, "login", cancellationToken);
        if (body?.Key is not { Length: > 0 } key)
        {
            return BadRequest("The body must be JSON: {\"key\":\"<the admin key>\"}.");
        }
        var credential = keys.FromKey(key, out var storedId);
        if (credential is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"faas\"";
            return Results.Text("The key is not valid (unknown or revoked).", "text/plain; charset=utf-8", statusCode: StatusCodes.Status401Unauthorized);
        }
        if (!credential.IsAdmin)
        {
            return Results.Text("Only the admin key can log in; this is an invoke key.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
        }
        var (token, expires) = sessions.Create(storedId);
        context.Response.Cookies.Append(SessionStore.CookieName, token, CookieOptions(context.Request, expires));
        return TypedResults.Json(new LoginResponse(expires), KeyJsonContext.Default.LoginResponse);
    }

    private static IResult Logout(HttpContext context, SessionStore sessions)
    {
        if (context.Request.Cookies.TryGetValue(SessionStore.CookieName, out var token))
        {
            sessions.Remove(token);
        }
        context.Response.Cookies.Delete(SessionStore.CookieName, CookieOptions(context.Request, expires: null));
        return Results.NoContent();
    }

    private static CookieOptions CookieOptions(HttpRequest request, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = request.IsHttps,
        Path = "/",
        Expires = expires,
        IsEssential = true,
    };

    private static IResult BadRequest(string message) => Results.Text(message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
}
