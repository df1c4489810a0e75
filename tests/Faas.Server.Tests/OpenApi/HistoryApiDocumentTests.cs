using System.Net;
using System.Text.Json;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.OpenApi;

/// <summary>The apps, executions and /fn routes are in Swagger with a summary, typed answers and examples.</summary>
public sealed class HistoryApiDocumentTests(FaasServerFixture server) : IClassFixture<FaasServerFixture>
{
    [Theory]
    [InlineData("/api/apps", "get")]
    [InlineData("/api/apps", "post")]
    [InlineData("/api/apps/{app}", "get")]
    [InlineData("/api/apps/{app}/code", "put")]
    [InlineData("/api/apps/{app}/versions", "get")]
    [InlineData("/api/apps/{app}/versions/{version}", "get")]
    [InlineData("/api/apps/{app}/versions/{version}/files/{path}", "get")]
    [InlineData("/api/apps/{app}/versions/{version}/activate", "post")]
    [InlineData("/api/apps/{app}/diff/{from}/{to}", "get")]
    [InlineData("/api/apps/{app}/executions", "get")]
    [InlineData("/api/executions/{id}", "get")]
    [InlineData("/api/apps/{app}/stats", "get")]
    [InlineData("/api/executions/summary", "get")]
    [InlineData("/api/apps/{app}/settings", "get")]
    [InlineData("/fn/{app}", "get")]
    [InlineData("/fn/{app}/{path}", "delete")]
    public async Task SwaggerJson_Route_HasSummaryAnswerSchemaWithExample(string path, string method)
    {
        var text = await (await server.Client.GetBoundedAsync("/swagger/v1/swagger.json")).ExpectAsync(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(text);
        var paths = document.RootElement.GetProperty("paths");
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");

        var operation = paths.GetProperty(path).GetProperty(method);

        Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
        var success = operation.GetProperty("responses").EnumerateObject().First(r => r.Name[0] == '2');
        var media = success.Value.GetProperty("content").EnumerateObject().First().Value;
        if (media.GetProperty("schema").TryGetProperty("$ref", out var reference))
        {
            var schema = schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
            Assert.True(schema.TryGetProperty("example", out _), $"{reference} has no example");
        }
        if (operation.TryGetProperty("requestBody", out var body) && body.GetProperty("content").TryGetProperty("application/json", out var json)
            && json.GetProperty("schema").TryGetProperty("$ref", out var request))
        {
            Assert.True(schemas.GetProperty(request.GetString()!.Split('/')[^1]).TryGetProperty("example", out _), $"{request} has no example");
        }
    }
}
