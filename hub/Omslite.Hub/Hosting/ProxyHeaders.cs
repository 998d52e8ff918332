using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Omslite.Hub.Hosting;

/// <summary>
/// Behind nginx or IIS the hub sees the proxy's address; the proxy tells the client's in X-Forwarded-For (and the
/// scheme in X-Forwarded-Proto). The hub believes those headers only from the proxies it is told about
/// (<c>Omslite:ForwardedHeaders:KnownProxies</c> / <c>KnownNetworks</c>; by default a proxy on the same machine), so
/// the login rate limit and the logs see the real client and nobody else can pose as another address.
/// </summary>
public static class ProxyHeaders
{
    public static IServiceCollection AddProxyHeaders(this IServiceCollection services, OmsliteOptions options)
    {
        var settings = options.ForwardedHeaders;
        var proxies = settings.KnownProxies
            .Select(p => IPAddress.TryParse(p.Trim(), out var address) ? address : throw Invalid("KnownProxies", p))
            .ToList();
        var networks = settings.KnownNetworks
            .Select(n => System.Net.IPNetwork.TryParse(n.Trim(), out var network) ? network : throw Invalid("KnownNetworks", n))
            .ToList();
        services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            if (proxies.Count + networks.Count == 0)
            {
                return; // the defaults: loopback only
            }

            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            proxies.ForEach(forwarded.KnownProxies.Add);
            networks.ForEach(forwarded.KnownIPNetworks.Add);
        });
        return services;
    }

    public static WebApplication UseProxyHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }

    private static FormatException Invalid(string setting, string text) =>
        new($"Omslite:ForwardedHeaders:{setting}: «{text}» is not an IP address (KnownProxies) or a CIDR network (KnownNetworks)");
}
