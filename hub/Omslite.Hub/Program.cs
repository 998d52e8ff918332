using Omslite.Hub.Cli;

return await OmsliteCli.InvokeAsync(args);
