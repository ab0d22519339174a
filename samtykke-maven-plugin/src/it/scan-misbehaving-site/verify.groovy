try {
    def log = new File(basedir, 'build.log').text
    assert log.contains('the site does not keep its policy (6 finding(s))')
    assert log.contains('before-consent _ga (none)')
    def report = new File(basedir, 'target/samtykke-scan/TEST-samtykke-scan.xml').text
    assert report.contains('failures="6"')
    assert report.contains('classname="samtykke.scan.request-before-consent"')
} finally {
    context.get('site')?.close()
}
