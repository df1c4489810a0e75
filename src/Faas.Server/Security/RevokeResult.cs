namespace Faas.Server.Security;

internal enum RevokeResult
{
    Revoked,
    NotFound,

    /// <summary>The last admin key of a server that requires one, or the last invoke key of an app (which would open its calls to everyone).</summary>
    Refused,
}
