using System.Globalization;
using System.Text.Json.Nodes;
using Faas.Server.Errors;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Faas.Server.OpenApi;

/// <summary>
/// Fills in what ApiExplorer cannot see: the fields of forms the routes read themselves, the
/// arguments body of function calls, and what each error status means.
/// </summary>
internal sealed class HubOperationFilter : IOperationFilter
{
    private static readonly Dictionary<string, string> ErrorDescriptions = new(StringComparer.Ordinal)
    {
        ["400"] = "Bad input (invalid JSON, name or field); the body says what.",
        ["404"] = "Unknown app or function.",
        ["413"] = "The body is larger than the server's limit.",
        ["422"] = "The deploy failed (install, load or a missing runtime); the body gives the reason.",
        ["500"] = "The function threw; the body has its message.",
        ["502"] = "The worker died during the call; the body names its exit code and last stderr lines.",
        ["503"] = "Unavailable: the app is not running (its deploy failed, or it is stopping), its queue is full (then with Retry-After), or the server is still restoring its apps.",
        ["504"] = "The call ran past its timeout.",
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (operation.RequestBody is OpenApiRequestBody { Content.Count: > 1 } body)
        {
            // The */* that keeps routing lenient is not a format to offer in Swagger UI.
            body.Content.Remove(EndpointDocs.AnyContentType);
        }
        if (metadata.OfType<MultipartForm>().FirstOrDefault() is { } form)
        {
            operation.RequestBody = FormBody(form);
        }
        if (metadata.OfType<CallArgumentsBody>().Any() && context.ApiDescription.HttpMethod == HttpMethods.Post)
        {
            operation.RequestBody = CallBody();
        }
        DescribeUntypedBodies(operation, metadata);
        var jsonErrors = metadata.OfType<JsonErrors>().Any();
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is OpenApiResponse concrete && ErrorDescriptions.TryGetValue(status, out var description))
            {
                concrete.Description = description;
                if (jsonErrors && status == "404")
                {
                    // An app that is not deployed (or a wrong prefix or version) gets the original's plain text.
                    concrete.Description += " An app that is not deployed answers in plain text.";
                    concrete.Content ??= new Dictionary<string, OpenApiMediaType>();
                    concrete.Content["text/plain"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
                }
            }
        }
    }

    /// <summary>A route that declares a content type but no .NET type (a function's result, a file, an event stream) still shows its media type.</summary>
    private static void DescribeUntypedBodies(OpenApiOperation operation, IList<object> metadata)
    {
        foreach (var produces in metadata.OfType<IProducesResponseTypeMetadata>().Where(p => p.Type is null || p.Type == typeof(void)))
        {
            if (operation.Responses?.GetValueOrDefault(produces.StatusCode.ToString(CultureInfo.InvariantCulture)) is not OpenApiResponse response)
            {
                continue;
            }
            foreach (var contentType in produces.ContentTypes)
            {
                response.Content ??= new Dictionary<string, OpenApiMediaType>();
                response.Content.TryAdd(contentType, new OpenApiMediaType
                {
                    Schema = contentType switch
                    {
                        "application/json" => new OpenApiSchema { Description = "Any JSON value." },
                        "application/octet-stream" => new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                        _ => new OpenApiSchema { Type = JsonSchemaType.String },
                    },
                });
            }
        }
    }

    private static OpenApiRequestBody FormBody(MultipartForm form)
    {
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal),
            Required = new HashSet<string>(StringComparer.Ordinal),
        };
        foreach (var field in form.Fields)
        {
            schema.Properties[field.Name] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Format = field.IsFile ? "binary" : null,
                Description = field.Description,
                Examples = field.Example is null ? null : [JsonValue.Create(field.Example)],
            };
            if (field.Required)
            {
                schema.Required.Add(field.Name);
            }
        }
        return new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { ["multipart/form-data"] = new() { Schema = schema } },
        };
    }

    private static OpenApiRequestBody CallBody() => new()
    {
        Description = "The function's arguments: a JSON array (positional) or an object (by parameter name). Leave empty for none.",
        Required = false,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/json"] = new()
            {
                Schema = new OpenApiSchema
                {
                    OneOf = [new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema() }, new OpenApiSchema { Type = JsonSchemaType.Object }],
                },
                Examples = new Dictionary<string, IOpenApiExample>(StringComparer.Ordinal)
                {
                    ["positional"] = new OpenApiExample { Summary = "Positional arguments", Value = new JsonArray(1, 2) },
                    ["named"] = new OpenApiExample { Summary = "Arguments by name", Value = new JsonObject { ["a"] = 1, ["b"] = 2 } },
                },
            },
        },
    };
}
