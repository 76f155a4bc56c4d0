using Paperwire.Cli;

// Every command (serve, db migrate, …) is defined in Cli/; `paperwire --help` lists them.
return await PaperwireCli.Create().Parse(args).InvokeAsync();
