namespace Faas.Server.Security;

/// <summary>Who a request proved to be: the admin (a key or a login), or the holder of an invoke key of <see cref="App"/>.</summary>
internal sealed record Credential(string Scope, string? App)
{
    public static Credential Admin { get; } = new(KeyScopes.Admin, null);

    public bool IsAdmin => Scope == KeyScopes.Admin;
}
