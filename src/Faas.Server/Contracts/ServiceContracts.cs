using System.ComponentModel;
using System.Text.Json.Serialization;
using Faas.Server.OpenApi;

namespace Faas.Server.Contracts;

[Description("One page of an app's KV keys, in order.")]
[JsonExample("""{"keys": ["counter", "user:1"], "pagination": {"total": 2, "limit": 20, "offset": 0}}""")]
public sealed record KvKeysResponse(
    [property: JsonPropertyName("keys"), Description("The keys of this page (never null: an empty page is []).")] IReadOnlyList<string> Keys,
    [property: JsonPropertyName("pagination")] KeysPagination Pagination);

[Description("Where the page is in the whole list.")]
public sealed record KeysPagination(
    [property: JsonPropertyName("total"), Description("How many keys match in all.")] int Total,
    [property: JsonPropertyName("limit"), Description("The page size: ?limit=, default 20, at most 100.")] int Limit,
    [property: JsonPropertyName("offset"), Description("How many matching keys come before this page: ?offset=.")] int Offset);

[Description("An app's environment variables, name to value (a full replacement when sent).")]
[JsonExample("""{"GREETING": "hello", "API_TOKEN": "s3cr3t"}""")]
public sealed class EnvVariables : Dictionary<string, string>
{
    public EnvVariables()
        : base(StringComparer.Ordinal)
    {
    }

    public EnvVariables(IReadOnlyDictionary<string, string> variables)
        : base(variables, StringComparer.Ordinal)
    {
    }
}

[JsonSerializable(typeof(KvKeysResponse))]
[JsonSerializable(typeof(EnvVariables))]
internal sealed partial class ServiceJsonContext : JsonSerializerContext;
