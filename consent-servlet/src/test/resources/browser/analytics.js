// A stand-in for an analytics tag: runs only when the banner activates it.
window.analyticsRan = true;
document.cookie = '_ga=GA1.1.42.1764072000; path=/; max-age=63072000; samesite=lax';
