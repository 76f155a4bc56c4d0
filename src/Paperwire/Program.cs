using System.CommandLine;
using Paperwire.Cli;
using Paperwire.Hosting;

// Before anything is written: the data folder holds accounts, keys and mail, readable by this user only.
PrivateFiles.RestrictNewFiles();

// Every command (serve, db migrate, …) is defined in Cli/; `paperwire --help` lists them.
// Signals are left to the web host, which drains requests before exiting (System.CommandLine would force-exit).
return await PaperwireCli.Create().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
