using HndGate.Tool;

return HndGateApp.Run(args, Console.Out, Console.Error);
