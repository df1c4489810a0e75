namespace Faas.Server.OpenApi;

/// <summary>Endpoint metadata: a function call, whose body is its arguments (a JSON array or object).</summary>
internal sealed class CallArgumentsBody
{
    public static CallArgumentsBody Instance { get; } = new();

    private CallArgumentsBody()
    {
    }
}
