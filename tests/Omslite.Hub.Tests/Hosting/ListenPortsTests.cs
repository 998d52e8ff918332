using Microsoft.Extensions.Configuration;
using Omslite.Hub.Hosting;

namespace Omslite.Hub.Tests.Hosting;

public class ListenPortsTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", 5080)]
    [InlineData("http://*:8080", 8080)]
    [InlineData("http://+:8081/omslite", 8081)]
    [InlineData("https://[::1]:8443", 8443)]
    [InlineData("http://localhost", 80)]
    [InlineData("https://[::1]", 443)]
    public void The_port_of_a_listen_address_is_read_for_every_host_form_kestrel_accepts(string url, int port) =>
        Assert.Equal(port, ListenPorts.PortOf(url));

    [Fact]
    public void Urls_kestrel_endpoints_and_container_ports_are_all_listen_ports()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:5080; http://*:5081",
            ["Kestrel:Endpoints:Https:Url"] = "https://0.0.0.0:5443",
            ["HTTP_PORTS"] = "8080;8081",
            ["HTTPS_PORTS"] = "8443",
        }).Build();

        Assert.Equal([5080, 5081, 5443, 8080, 8081, 8443], ListenPorts.From(configuration).Order());
    }
}
