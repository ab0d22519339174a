// Starts the misbehaving test site (consent-scanner's ScanTestSite: embedded Jetty with Samtykke and a
// third party at 127.0.0.2), writes its policy and URL into this project; verify.groovy stops it.
def site = dev.samtykke.scanner.ScanTestSite.start(true)
context.put('site', site)
new File(basedir, 'policy.json').bytes = dev.samtykke.scanner.ScanTestSite.getClassLoader().getResourceAsStream('site/policy.json').bytes
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('SITE_URL', site.url('/'))
return true
