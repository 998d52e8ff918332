using Microsoft.Extensions.Configuration;

namespace Omslite.Hub.Hosting;

/// <summary>
/// The TCP ports the hub is configured to listen on (<c>Urls</c> — also set by <c>--urls</c> and ASPNETCORE_URLS — and
/// <c>Kestrel:Endpoints:*:Url</c>).
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
        return urls.Select(PortOf).OfType<int>().ToHashSet();
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
