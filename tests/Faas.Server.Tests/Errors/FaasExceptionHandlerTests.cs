using Faas.Core;
using Faas.Core.Calls;
using Faas.Server.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Faas.Server.Tests.Errors;

/// <summary>The one exception handler: each error's status, and text or <c>{"error":...}</c> by route.</summary>
public sealed class FaasExceptionHandlerTests
{
    private static readonly IServiceProvider Services = new ServiceCollection().AddLogging().BuildServiceProvider();

    private static async Task<(int Status, string? ContentType, string Body, HttpResponse Response)> HandleAsync(Exception exception, bool callRoute)
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        context.Request.Method = "POST";
        context.Request.Path = callRoute ? "/host/app/v1/call/f" : "/api/deploy/create";
        context.Response.Body = new MemoryStream();
        var metadata = callRoute ? new EndpointMetadataCollection(JsonErrors.Instance) : new EndpointMetadataCollection();
        context.Features.Set<IExceptionHandlerFeature>(new ExceptionHandlerFeature
        {
            Error = exception,
            Endpoint = new Endpoint(_ => Task.CompletedTask, metadata, "test"),
        });
        var handler = new FaasExceptionHandler(NullLogger<FaasExceptionHandler>.Instance);

        Assert.True(await handler.TryHandleAsync(context, exception, TestContext.Current.CancellationToken));

        context.Response.Body.Position = 0;
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync(TestContext.Current.CancellationToken);
        return (context.Response.StatusCode, context.Response.ContentType, body, context.Response);
    }

    [Theory]
    [InlineData(FaasError.BadRequest, 400)]
    [InlineData(FaasError.NotFound, 404)]
    [InlineData(FaasError.TooLarge, 413)]
    [InlineData(FaasError.DeployFailed, 422)]
    [InlineData(FaasError.FunctionFailed, 500)]
    [InlineData(FaasError.WorkerFailed, 502)]
    [InlineData(FaasError.Unavailable, 503)]
    [InlineData(FaasError.Overloaded, 503)]
    [InlineData(FaasError.Timeout, 504)]
    public async Task Handle_FaasErrorOnApiRoute_AnswersItsStatusWithThePlainMessage(FaasError error, int status)
    {
        var (actual, contentType, body, _) = await HandleAsync(new FaasException(error, "it's <broken>"), callRoute: false);

        Assert.Equal(status, actual);
        Assert.Equal("text/plain; charset=utf-8", contentType);
        Assert.Equal("it's <broken>", body);
    }

    [Fact]
    public async Task Handle_FaasErrorOnCallRoute_AnswersErrorObjectUnescaped()
    {
        var (status, contentType, body, _) = await HandleAsync(new FaasException(FaasError.FunctionFailed, "it's <broken>"), callRoute: true);

        Assert.Equal(500, status);
        Assert.Equal("application/json; charset=utf-8", contentType);
        Assert.Equal("""{"error":"it's <broken>"}""", body);
    }

    [Fact]
    public async Task Handle_OverloadedOnCallRoute_Answers503WithRetryAfter()
    {
        var (status, _, _, response) = await HandleAsync(new FaasException(FaasError.Overloaded, "full"), callRoute: true);

        Assert.Equal(503, status);
        Assert.Equal("1", response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task Handle_AppNotDeployedOnCallRoute_AnswersTheOriginalsPlainText()
    {
        var (status, contentType, body, _) = await HandleAsync(new AppNotDeployedException("ghost"), callRoute: true);

        Assert.Equal(404, status);
        Assert.Equal("text/plain; charset=utf-8", contentType);
        Assert.StartsWith("Oops! It looks like the application 'ghost' has not been deployed yet.", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "text/plain; charset=utf-8", "Internal server error.")]
    [InlineData(true, "application/json; charset=utf-8", """{"error":"Internal server error."}""")]
    public async Task Handle_UnexpectedException_Answers500WithoutDetails(bool callRoute, string contentType, string body)
    {
        var result = await HandleAsync(new InvalidOperationException("secret internals"), callRoute);

        Assert.Equal(500, result.Status);
        Assert.Equal(contentType, result.ContentType);
        Assert.Equal(body, result.Body);
    }

    [Fact]
    public async Task Handle_KestrelBodyTooLarge_Answers413Text()
    {
        var (status, contentType, body, _) = await HandleAsync(new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge), callRoute: false);

        Assert.Equal(413, status);
        Assert.Equal("text/plain; charset=utf-8", contentType);
        Assert.Equal("Request body too large.", body);
    }
}
