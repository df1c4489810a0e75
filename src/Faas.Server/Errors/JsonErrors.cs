namespace Faas.Server.Errors;

/// <summary>Endpoint metadata: this route's errors are <c>{"error":...}</c> JSON (call routes), not plain text.</summary>
internal sealed class JsonErrors
{
    public static JsonErrors Instance { get; } = new();

    private JsonErrors()
    {
    }
}
