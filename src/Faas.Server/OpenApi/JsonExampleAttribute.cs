namespace Faas.Server.OpenApi;

/// <summary>A request or response body as Swagger UI should prefill it.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class JsonExampleAttribute(string json) : Attribute
{
    public string Json { get; } = json;
}
