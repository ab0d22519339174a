// Runs only where Debian's Chromium and ChromeDriver are installed (CI installs them).
return new File('/usr/bin/chromium').canExecute() && new File('/usr/bin/chromedriver').canExecute()
