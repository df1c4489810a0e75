using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Faas.Server.OpenApi;

/// <summary>Puts a contract's <see cref="JsonExampleAttribute"/> on its schema, so Swagger UI prefills a realistic body.</summary>
internal sealed class JsonExampleSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is OpenApiSchema concrete && context.Type?.GetCustomAttribute<JsonExampleAttribute>() is { } example)
        {
            concrete.Examples = [JsonNode.Parse(example.Json)!];
            // The routes read bodies leniently: fields the Hub's clients add are ignored, never refused.
            concrete.AdditionalPropertiesAllowed = true;
        }
    }
}
