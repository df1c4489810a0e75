using System.Net;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Endpoints;

/// <summary>Calls to a real Python worker (samples/python-typed).</summary>
public sealed class PythonCallTests(PythonCallTests.Fixture server) : IClassFixture<PythonCallTests.Fixture>
{
    public sealed class Fixture : FaasServerFixture
    {
        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            await Client.DeploySampleBoundedAsync("python-typed", "py-typed");
        }
    }

    private HttpClient Client => server.Client;

    private string Py(string function) => server.CallPath("py-typed", function);

    [Fact]
    public async Task Call_PythonJsonArray_IsPositional()
    {
        Assert.Equal("42", await Client.CallOkAsync(Py("multiply"), "[6,7]"));
        Assert.Equal("\"ab\"", await Client.CallOkAsync(Py("concat"), """["a","b"]"""));
    }

    [Fact]
    public async Task Call_PythonObjectOfParameterNames_BindsByName()
    {
        Assert.Equal("\"xy\"", await Client.CallOkAsync(Py("concat"), """{"b":"y","a":"x"}"""));
    }

    [Fact]
    public async Task Call_PythonUrlEncodedBody_GivesStrings()
    {
        var response = await Client.PostRawAsync(Py("concat"), "a=1&b=2", "application/x-www-form-urlencoded");

        Assert.Equal("\"12\"", await response.ExpectAsync(HttpStatusCode.OK));
    }

    [Fact]
    public async Task Call_PythonResults_AreCompactJson()
    {
        Assert.Equal("true", await Client.CallOkAsync(Py("is_even"), "[4]"));
        Assert.Equal("""{"a":1,"bcd":3,"7":1}""", await Client.CallOkAsync(Py("tags"), """[["a","bcd",7]]"""));
        Assert.Equal("\"<html><body>hi</body></html>\"", await Client.CallOkAsync(Py("page"), null));
        Assert.Equal("\"Hello é!\"", await Client.CallOkAsync(Py("hello"), """["é"]"""));
    }

    [Fact]
    public async Task Call_PythonReturnsNone_ReturnsEmpty200()
    {
        var response = await Client.CallBoundedAsync(Py("nothing"), null);

        Assert.Equal("", await response.ExpectAsync(HttpStatusCode.OK));
    }

    [Fact]
    public async Task Call_PythonZeroDivision_Returns500WithMessage()
    {
        var response = await Client.CallBoundedAsync(Py("divide"), "[1,0]");

        var text = await response.ExpectAsync(HttpStatusCode.InternalServerError);
        Assert.StartsWith("{\"error\":\"", text, StringComparison.Ordinal);
        Assert.Contains("division by zero", text, StringComparison.Ordinal);
        Assert.Equal("2.5", await Client.CallOkAsync(Py("divide"), "[5,2]"));
    }

    [Fact]
    public async Task Call_PythonPrivateOrImportedFunction_Returns404WithErrorBody()
    {
        foreach (var function in new[] { "_private", "join", "nope" })
        {
            var response = await Client.CallBoundedAsync(Py(function), "[]");
            Assert.StartsWith("{\"error\":\"", await response.ExpectAsync(HttpStatusCode.NotFound), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Call_PythonCoroutine_IsAwaited()
    {
        Assert.Equal("42", await Client.CallOkAsync(Py("slow_double"), "[21, 0.01]"));
        Assert.Equal("10", await Client.CallOkAsync($"/{server.Factory.Prefix}/py-typed/v1/await/slow_double", """{"x":5,"delay":0.01}"""));
    }

    [Fact]
    public async Task Call_PythonPrints_ResultIntactAndTextInLogs()
    {
        var marker = $"m{Guid.NewGuid():N}";

        Assert.Equal($"\"{marker}\"", await Client.CallOkAsync(Py("noisy"), $"[\"{marker}\"]"));

        await Client.WaitForLogAsync("py-typed", $"noisy called with {marker}");
    }

    [Fact]
    public async Task Call_PythonConcurrentCoroutines_AllGetTheirOwnResult()
    {
        var calls = Enumerable.Range(0, 50).Select(i => Client.CallOkAsync(Py("slow_double"), $"[{i}, 0.05]")).ToList();

        var results = await Task.WhenAll(calls).Bounded();

        Assert.Equal(Enumerable.Range(0, 50).Select(i => (i * 2).ToString()), results);
    }
}
