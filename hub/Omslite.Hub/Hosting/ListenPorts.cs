using Microsoft.Extensions.Configuration;

namespace Omslite.Hub.Hosting;

/// <summary>
/// The TCP ports the hub is configured to listen on: <c>Urls</c> (also set by <c>--urls</c> and ASPNETCORE_URLS),
/// <c>Kestrel:Endpoints:*:Url</c>, and the <c>HTTP_PORTS</c>/<c>HTTPS_PORTS</c> that .NET container images set.
/// </summary>
/// <remarks>
/// The embedded PostgreSQL starts before Kestrel binds and takes a free port from the kernel; without this it can take
/// the very port the hub is about to listen on, and the hub then fails to start with "address already in use".
/// </remarks>
public static class ListenPorts
{
    public static IReadOnlySet<int> From(IConfiguration configuration)
    {
        var urls = (configuration["Urls"] ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren()
                .Select(endpoint => endpoint["Url"])
                .OfType<string>());
        var ports = (configuration["HTTP_PORTS"] + ";" + configuration["HTTPS_PORTS"])
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(port => int.TryParse(port, out var number) ? number : (int?)null);
        return urls.Select(PortOf).Concat(ports).OfType<int>().ToHashSet();
    }

    /// <summary>The port of one listen address such as http://127.0.0.1:5080, http://*:80, https://[::1]:8443.</summary>
    /// <remarks><see cref="Uri"/> refuses the wildcard hosts <c>*</c> and <c>+</c> that Kestrel accepts, so the
    /// authority is taken apart by hand.</remarks>
    internal static int? PortOf(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return null;
        }

        var scheme = url[..schemeEnd];
        var authority = url[(schemeEnd + 3)..];
        var pathStart = authority.IndexOf('/');
        if (pathStart >= 0)
        {
            authority = authority[..pathStart];
        }

        var colon = authority.LastIndexOf(':');
        if (colon >= 0 && colon > authority.LastIndexOf(']') && int.TryParse(authority[(colon + 1)..], out var port))
        {
            return port;
        }

        return scheme.Equals("https", StringComparison.OrdinalIgnoreCase) ? 443
            : scheme.Equals("http", StringComparison.OrdinalIgnoreCase) ? 80
            : null;
    }
}
