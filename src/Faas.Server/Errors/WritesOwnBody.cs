namespace Faas.Server.Errors;

/// <summary>
/// Endpoint metadata: every answer of this route has a body (its errors come from the exception handler), so the
/// status-code pages that fill in empty error bodies are skipped for it: one less layer on a function call.
/// </summary>
internal sealed class WritesOwnBody
{
    public static WritesOwnBody Instance { get; } = new();

    private WritesOwnBody()
    {
    }
}
