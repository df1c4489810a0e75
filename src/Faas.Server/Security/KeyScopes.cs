namespace Faas.Server.Security;

/// <summary>What a key may do: <c>admin</c> (every route) or <c>invoke</c> (the call routes of one app).</summary>
internal static class KeyScopes
{
    public const string Admin = "admin";

    public const string Invoke = "invoke";
}
