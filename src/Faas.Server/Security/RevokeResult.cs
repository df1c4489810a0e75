namespace Faas.Server.Security;

internal enum RevokeResult
{
    Revoked,
    NotFound,

    /// <summary>The last admin key of a server that requires one.</summary>
    Refused,
}
