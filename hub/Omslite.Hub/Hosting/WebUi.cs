using Microsoft.Extensions.FileProviders;
using Omslite.Hub.Api;

namespace Omslite.Hub.Hosting;

/// <summary>
/// Serves the web UI (the built <c>spa/dist</c>, setting <c>Omslite:WebRoot</c>): its static files to anyone, and
/// <c>index.html</c> for every other GET path that is not <c>/api</c> or <c>/health</c>, so that the app's own
/// addresses (<c>/visits/12</c>) survive a reload. The API stays behind its token: nothing here touches <c>/api</c>.
/// </summary>
public static class WebUi
{
    /// <summary>Scripts only from the hub itself; no frames, no plugins, no foreign connections.</summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    public static WebApplication UseWebUi(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<OmsliteOptions>();
        var root = options.ResolvedWebRoot;
        var index = Path.Combine(root, "index.html");
        if (!File.Exists(index))
        {
            app.Logger.LogWarning("No web UI at {WebRoot} (index.html missing): only the API is served", root);
            return app;
        }

        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(root),
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl =
                file.Context.Request.Path.StartsWithSegments("/assets")
                    ? "public, max-age=31536000, immutable" // file names carry a content hash
                    : "no-cache",
        });

        app.MapMethods("{*path:nonfile}", [HttpMethods.Get, HttpMethods.Head], async context =>
            {
                var path = context.Request.Path;
                if (path.StartsWithSegments("/api") || path.StartsWithSegments("/health"))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    await context.Response.WriteAsJsonAsync(new ApiError("Не найдено"));
                    return;
                }

                var headers = context.Response.Headers;
                headers.CacheControl = "no-cache";
                headers.XContentTypeOptions = "nosniff";
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers["Referrer-Policy"] = "same-origin";
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.SendFileAsync(index);
            })
            .WithOrder(int.MaxValue)
            .AllowAnonymous();
        return app;
    }
}
