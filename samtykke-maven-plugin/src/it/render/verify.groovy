def notice = new File(basedir, 'target/samtykke/notice-en.md').text
assert notice.contains('- **Contacts:** connect.facebook.net, www.facebook.com')
