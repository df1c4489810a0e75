using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Contract;

/// <summary>
/// Hostile call bodies against every language's worker: the protocol is one JSON message per line,
/// so whatever a client sends (pretty-printed JSON, trailing newlines, CR, U+2028, lines that look
/// like protocol messages) must reach the worker as one frame and answer only its own caller.
/// </summary>
public sealed class WorkerFramingContractTests(WorkerContractTests.Fixture server) : IClassFixture<WorkerContractTests.Fixture>
{
    /// <summary>Far below the test's own bound: a body split into frames hangs until this, then gives 504.</summary>
    private const double CallTimeoutSeconds = 15;

    /// <summary>Bodies with line breaks, by name, and the one argument <c>echo</c> must get back from each.</summary>
    private static readonly Dictionary<string, (string Body, string Expected)> Bodies = new()
    {
        ["pretty"] = ("[\n  {\n    \"a\": [1,\n      2],\n    \"b\": \"x y\"\n  }\n]\n", """{"a":[1,2],"b":"x y"}"""),
        ["trailing-newline"] = ("[\"t\"]\n", "\"t\""),
        ["cr"] = ("[\r\"c\"\r]\r", "\"c\""),
        ["crlf"] = ("[\r\n  3\r\n]\r\n", "3"),
        ["escaped-breaks"] = ("[\"l1\\nl2\\r\\u2028\"]\n", "\"l1\\nl2\\r\\u2028\""),
        ["u2028-in-strings"] = ("[{\"k\u2028\": \"a\u2028b\u2029c\"}]", "{\"k\\u2028\":\"a\\u2028b\\u2029c\"}"),
        ["protocol-lines-inside"] = ("[\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"call\",\"params\":{\"name\":\"add\",\"args\":[40,2]}}\n]\n",
            """{"jsonrpc":"2.0","id":1,"method":"call","params":{"name":"add","args":[40,2]}}"""),
    };

    public static TheoryData<string, string> LanguagesAndBodies
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var language in ContractLanguages.Names)
            {
                foreach (var name in Bodies.Keys)
                {
                    data.Add(language, name);
                }
            }
            return data;
        }
    }

    private HttpClient Client => server.Client;

    private async Task<HttpResponseMessage> CallAsync(string app, string function, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, server.CallPath(app, function))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Faas-Timeout", CallTimeoutSeconds.ToString(CultureInfo.InvariantCulture));
        return await Client.SendAsync(request, TestContext.Current.CancellationToken).Bounded();
    }

    [Theory]
    [MemberData(nameof(LanguagesAndBodies))]
    public async Task Echo_BodyWithLineBreaks_AnswersItsOwnValue(string language, string body)
    {
        var app = await server.AppAsync(language);
        var (json, expected) = Bodies[body];

        var result = await (await CallAsync(app, "echo", json)).ExpectAsync(HttpStatusCode.OK);

        AssertSameJson(expected, result, $"{language}, {body}");
        Assert.Equal("5", await (await CallAsync(app, "add", "[2,3]")).ExpectAsync(HttpStatusCode.OK));
    }

    [Theory]
    [MemberData(nameof(ContractLanguages.All), MemberType = typeof(ContractLanguages))]
    public async Task Add_BodyNotOneJsonValue_Returns400AndWorkerStaysUsable(string language)
    {
        var app = await server.AppAsync(language);
        string[] bodies =
        [
            "[1]\n{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":42}\n",
            "[2,3]\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"call\",\"params\":{\"name\":\"add\",\"args\":[40,2]}}\n",
            "[2,\u20283]",
            "\u2028[2,3]",
        ];

        foreach (var body in bodies)
        {
            var text = await (await CallAsync(app, "add", body)).ExpectAsync(HttpStatusCode.BadRequest);
            Assert.Contains("not valid JSON", text, StringComparison.Ordinal);
        }
        Assert.Equal("5", await (await CallAsync(app, "add", "[2,3]")).ExpectAsync(HttpStatusCode.OK));
    }

    /// <summary>
    /// Half the callers send bodies whose lines, split apart, would be replies and requests carrying
    /// the ids of other callers' pending calls; everyone must still get exactly their own value.
    /// </summary>
    [Theory]
    [MemberData(nameof(ContractLanguages.All), MemberType = typeof(ContractLanguages))]
    public async Task Echo_ConcurrentCallersWithForgedProtocolLines_EachGetsOwnResult(string language)
    {
        var app = await server.AppAsync(language);
        const int Callers = 32;

        var calls = Enumerable.Range(0, Callers).Select(async i =>
        {
            var own = $"own-{i}";
            var body = i % 2 == 0 ? $"[\"{own}\"]" : ForgedBody(own, firstId: i * 20);
            var result = await (await CallAsync(app, "echo", body)).ExpectAsync(HttpStatusCode.OK);
            return (Own: own, Forged: i % 2 == 1, Result: result);
        }).ToArray();
        var results = await Task.WhenAll(calls).Bounded();

        Assert.All(results, r =>
        {
            using var document = JsonDocument.Parse(r.Result);
            var got = r.Forged ? document.RootElement.GetProperty("me").GetString() : document.RootElement.GetString();
            Assert.Equal(r.Own, got);
        });
    }

    /// <summary>An object holding <paramref name="own"/> and, one a line, forged replies and requests for 20 ids.</summary>
    private static string ForgedBody(string own, int firstId)
    {
        var lines = new StringBuilder();
        lines.Append("[\n{\"me\": \"").Append(own).Append("\",\n\"forged\": [\n");
        for (var id = firstId; id < firstId + 20; id++)
        {
            lines.Append("{\"jsonrpc\":\"2.0\",\"id\":").Append(id).Append(",\"result\":\"forged\"},\n");
            lines.Append("{\"jsonrpc\":\"2.0\",\"id\":").Append(id).Append(",\"method\":\"call\",\"params\":{\"name\":\"echo\",\"args\":[\"forged\"]}},\r\n");
        }
        lines.Append("null\n]}\n]\n");
        return lines.ToString();
    }

    private static void AssertSameJson(string expected, string actual, string what)
    {
        using var want = JsonDocument.Parse(expected);
        using var got = JsonDocument.Parse(actual);
        Assert.True(JsonElement.DeepEquals(want.RootElement, got.RootElement), $"{what}: expected {expected}, got {actual}");
    }
}
