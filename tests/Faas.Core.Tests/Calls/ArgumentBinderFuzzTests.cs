using System.Net;
using System.Text;
using System.Text.Json;
using Faas.Core.Calls;
using Faas.Core.Tests.Fuzz;

namespace Faas.Core.Tests.Calls;

/// <summary>
/// Seeded call bodies through the binder: each is refused as a bad request or becomes one line of
/// valid JSON (an array, or an object when bound by name) that holds the same values as the body,
/// positional values in the order Node.js gives an object's keys.
/// </summary>
public sealed class ArgumentBinderFuzzTests
{
    private static readonly string[] Parameters = ["a", "b", "x"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    public async Task Bind_GeneratedBodies_OneLineOfTheSameValues(int seed)
    {
        var json = new RandomJson(new Random(seed));
        var random = json.Random;
        var positional = new List<(string Body, CallArguments Arguments)>();
        var bound = 0;
        for (var i = 0; i < 1500; i++)
        {
            var (body, contentType) = random.Next(20) switch
            {
                < 6 => (json.Array(5), "application/json"),
                < 10 => (json.Object(4, Parameters), "application/json"),
                < 12 => (json.Object(4), random.Next(2) == 0 ? "application/json" : "application/x-www-form-urlencoded"),
                < 14 => (json.Value(4), (string?)null),
                < 18 => (json.Mutate(random.Next(2) == 0 ? json.Array(4) : json.Object(4, Parameters)), "application/json"),
                _ => (Form(random), "application/x-www-form-urlencoded"),
            };
            body = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(body)); // a mutation may split a surrogate pair: U+FFFD, as sent
            var arguments = BindOrRefuse(body, contentType);
            if (arguments is null)
            {
                continue;
            }
            bound++;
            AssertOneLine(arguments, body);
            if (body.Trim(' ', '\t', '\r', '\n').Length == 0)
            {
                Assert.Equal("[]", Encoding.UTF8.GetString(arguments.Json.Span));
            }
            else if (contentType is "application/x-www-form-urlencoded" && !body.TrimStart().StartsWith('[') && !body.TrimStart().StartsWith('{'))
            {
                AssertForm(body, arguments);
            }
            else if (AssertSameValues(body, arguments))
            {
                positional.Add((body, arguments));
            }
        }
        Assert.InRange(bound, 900, 1500);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        var keys = await NodeKeyOrder.KeysAsync([.. positional.Select(p => p.Body)], timeout.Token);
        for (var i = 0; i < positional.Count; i++)
        {
            AssertPositional(positional[i].Body, keys[i], positional[i].Arguments);
        }
    }

    private static CallArguments? BindOrRefuse(string body, string? contentType)
    {
        try
        {
            return ArgumentBinder.Bind(Encoding.UTF8.GetBytes(body), contentType, Parameters);
        }
        catch (FaasException e)
        {
            Assert.Equal(FaasError.BadRequest, e.Error);
            Assert.ThrowsAny<Exception>(() => RefusedByParser(body));
            return null;
        }
    }

    /// <summary>The body is not JSON, or its top-level keys are not Unicode text (a lone surrogate escape).</summary>
    private static void RefusedByParser(string body)
    {
        using var document = JsonDocument.Parse(body);
        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            _ = document.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        }
    }

    private static void AssertOneLine(CallArguments arguments, string body)
    {
        var bytes = arguments.Json.Span;
        Assert.True(bytes.IndexOfAny((byte)'\n', (byte)'\r') < 0, $"Arguments hold a raw line break: {Encoding.UTF8.GetString(bytes)} (body {body})");
        Assert.True(bytes.IndexOf("\u2028"u8) < 0 && bytes.IndexOf("\u2029"u8) < 0, $"Arguments hold a raw U+2028/9: {Encoding.UTF8.GetString(bytes)}");
        using var document = JsonDocument.Parse(arguments.Json);
        Assert.Equal(arguments.ByName ? JsonValueKind.Object : JsonValueKind.Array, document.RootElement.ValueKind);
    }

    /// <summary>Checks what can be checked without JavaScript's key order; true when the body is an object passed positionally.</summary>
    private static bool AssertSameValues(string body, CallArguments arguments)
    {
        using var input = JsonDocument.Parse(body);
        var output = JsonText.Canonical(arguments.Json.Span);
        var root = input.RootElement;
        switch (root.ValueKind)
        {
            case JsonValueKind.Array:
                Assert.False(arguments.ByName);
                Assert.Equal(JsonText.Canonical(body), output);
                return false;
            case JsonValueKind.Object when !root.EnumerateObject().Any():
                Assert.Equal("[]", output);
                return false;
            case JsonValueKind.Object when root.EnumerateObject().All(p => Parameters.Contains(p.Name)):
                Assert.True(arguments.ByName, body);
                Assert.Equal(JsonText.Canonical(body), output);
                return false;
            case JsonValueKind.Object:
                Assert.False(arguments.ByName, body);
                return true;
            default:
                Assert.False(arguments.ByName);
                Assert.Equal(JsonText.Canonical($"[{body}]"), output);
                return false;
        }
    }

    private static void AssertPositional(string body, string[] keys, CallArguments arguments)
    {
        using var input = JsonDocument.Parse(body);
        using var output = JsonDocument.Parse(arguments.Json);
        var last = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in input.RootElement.EnumerateObject())
        {
            last[property.Name] = property.Value;
        }
        Assert.Equal(keys.Length, output.RootElement.GetArrayLength());
        for (var i = 0; i < keys.Length; i++)
        {
            Assert.True(JsonText.Canonical(last[keys[i]].GetRawText()) == JsonText.Canonical(output.RootElement[i].GetRawText()),
                $"Argument {i} is {output.RootElement[i].GetRawText()}, Node.js orders '{keys[i]}' there: {body}");
        }
    }

    private static void AssertForm(string body, CallArguments arguments)
    {
        using var output = JsonDocument.Parse(arguments.Json);
        var pairs = body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Select(p => (Name: WebUtility.UrlDecode(p[0]), Value: WebUtility.UrlDecode(p.Length > 1 ? p[1] : ""))).ToList();
        Assert.True(arguments.ByName, body);
        Assert.Equal(pairs.Select(p => p.Name), output.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(pairs.Select(p => p.Value), output.RootElement.EnumerateObject().Select(p => p.Value.GetString()));
    }

    /// <summary>A form of parameters whose values hold encoded line breaks, quotes and U+2028.</summary>
    private static string Form(Random random)
    {
        string[] pieces = ["1", "x+y", "%0A", "%0D%0A", "%E2%80%A8", "%22", "%5C", "%7B%22id%22%3A1%7D", "%C3%A9", "%00", "%F0%9F%98%80"];
        var pairs = Enumerable.Range(0, random.Next(1, 4)).Select(_ =>
            Parameters[random.Next(Parameters.Length)] + "=" + string.Concat(Enumerable.Range(0, random.Next(4)).Select(_ => pieces[random.Next(pieces.Length)])));
        return string.Join("&", pairs);
    }
}
